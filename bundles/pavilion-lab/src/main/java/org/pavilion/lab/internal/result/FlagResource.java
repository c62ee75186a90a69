package org.pavilion.lab.internal.result;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/lab/flag: the flag a value would get, while the technician types it. */
@Component(service = FlagResource.class, property = Endpoints.REST_BASE + "=/lab/flag")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class FlagResource {

    private final Results results;

    @Activate
    public FlagResource(@Reference Results results) {
        this.results = results;
    }

    @GET
    @RequiresPrivilege(Results.ENTER)
    public Results.FlagAnswer flag(@QueryParam("test") String test, @QueryParam("value") String value,
            @QueryParam("unit") String unit, @QueryParam("patientId") String patientId) {
        return results.flag(test, value, unit, patientId);
    }
}
