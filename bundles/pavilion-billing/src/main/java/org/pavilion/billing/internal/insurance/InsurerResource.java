package org.pavilion.billing.internal.insurance;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/insurers: the insurers and where their FHIR servers are. */
@Component(service = InsurerResource.class, property = Endpoints.REST_BASE + "=/billing/insurers")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InsurerResource {

    /** Insurers, plans, coverage rules, patients' policies, eligibility checks. */
    public static final String MANAGE = "billing.insurance.manage";

    private final InsurerCatalogue catalogue;

    @Activate
    public InsurerResource(@Reference InsurerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @RequiresPrivilege(MANAGE)
    public List<InsurerDto> list() {
        return catalogue.insurers();
    }

    @GET
    @Path("{code}")
    @RequiresPrivilege(MANAGE)
    public InsurerDto get(@PathParam("code") String code) {
        return catalogue.insurer(code);
    }

    /** Creates the insurer, or replaces it (the body's {@code version} must be the stored one). */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(MANAGE)
    public InsurerDto put(@PathParam("code") String code, InsurerDto in) {
        return catalogue.putInsurer(code, in);
    }
}
