package org.pavilion.lab.internal.reading;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.lab.internal.access.PatientGate;

/**
 * REST at /api/v1/lab/portal/results: a patient's own released results. It takes no patient parameter: the record
 * is always the caller's own ({@code Caller.patientId()}); a caller without one gets 403.
 */
@Component(service = PortalResultsResource.class, property = Endpoints.REST_BASE + "=/lab/portal/results")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalResultsResource {

    private final PatientResults results;

    @Activate
    public PortalResultsResource(@Reference PatientResults results) {
        this.results = results;
    }

    @GET
    @RequiresPrivilege(PatientGate.OWN)
    public Page<ChartResult> own(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return results.own(page, size);
    }
}
