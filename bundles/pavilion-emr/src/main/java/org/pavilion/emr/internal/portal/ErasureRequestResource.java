package org.pavilion.emr.internal.portal;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/emr/erasure-requests: patients' erasure requests, for the administrators who carry them out. */
@Component(service = ErasureRequestResource.class, property = Endpoints.REST_BASE + "=/emr/erasure-requests")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPrivilege("emr.privacy.erase")
public class ErasureRequestResource {

    private final ErasureRequests requests;

    @Activate
    public ErasureRequestResource(@Reference ErasureRequests requests) {
        this.requests = requests;
    }

    /** {@code ?status=OPEN} (default), DONE, DECLINED or ALL; oldest first. */
    @GET
    public Page<ErasureRequest> list(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return requests.list(status, page, size);
    }

    /** Body {"outcome": "DONE" | "DECLINED", "note": "..."} (a note is required to decline). */
    @POST
    @Path("{id}/close")
    public ErasureRequest close(@PathParam("id") String id, Closing in) {
        if (in == null) {
            throw ProblemException.validation("Send {\"outcome\": \"DONE\" or \"DECLINED\", \"note\": ...}");
        }
        return requests.close(id, in.outcome, in.note);
    }

    public static class Closing {
        public String outcome;
        public String note;
    }
}
