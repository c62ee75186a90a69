package org.pavilion.scheduling.internal.waitlist;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** The desk's waiting list at /api/v1/scheduling/waiting-list. */
@Component(service = WaitingListResource.class, property = Endpoints.REST_BASE + "=/scheduling/waiting-list")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPrivilege(WaitingList.MANAGE)
public class WaitingListResource {

    private final WaitingList list;

    @Activate
    public WaitingListResource(@Reference WaitingList list) {
        this.list = list;
    }

    @GET
    public Page<WaitingEntry> list(@QueryParam("serviceCode") String serviceCode,
            @QueryParam("doctorId") String doctorId, @QueryParam("status") String status,
            @QueryParam("patientId") String patientId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return list.list(serviceCode, doctorId, status, patientId, page, size);
    }

    @POST
    public Response add(WaitingRequest in) {
        WaitingEntry e = list.add(in);
        return Response.status(201).header("Location", "/api/v1/scheduling/waiting-list/" + e.id).entity(e).build();
    }

    @DELETE
    @Path("{id}")
    public WaitingEntry remove(@PathParam("id") String id) {
        return list.remove(id);
    }
}
