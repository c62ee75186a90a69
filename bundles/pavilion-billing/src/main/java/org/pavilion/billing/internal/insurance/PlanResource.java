package org.pavilion.billing.internal.insurance;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/plans: the insurers' plans with their coverage rules. */
@Component(service = PlanResource.class, property = Endpoints.REST_BASE + "=/billing/plans")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final InsurerCatalogue catalogue;

    @Activate
    public PlanResource(@Reference InsurerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @RequiresPrivilege(InsurerResource.MANAGE)
    public List<PlanDto> list(@QueryParam("insurerCode") String insurerCode) {
        return catalogue.plans(insurerCode);
    }

    @GET
    @Path("{code}")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public PlanDto get(@PathParam("code") String code) {
        return catalogue.plan(code);
    }

    /** Creates the plan, or replaces it with all its rules (the body's {@code version} must be the stored one). */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public PlanDto put(@PathParam("code") String code, PlanDto in) {
        return catalogue.putPlan(code, in);
    }
}
