package org.pavilion.scheduling.internal.waitlist;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.access.PatientGate;

/** The patient's own waiting list at /api/v1/scheduling/my/waiting-list (the patient is the caller's record). */
@Component(service = MyWaitingListResource.class, property = Endpoints.REST_BASE + "=/scheduling/my/waiting-list")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPrivilege(PatientGate.OWN)
public class MyWaitingListResource {

    private final WaitingList list;

    @Activate
    public MyWaitingListResource(@Reference WaitingList list) {
        this.list = list;
    }

    @GET
    public List<WaitingEntry> list() {
        return list.listOwn();
    }

    @POST
    public Response add(WaitingRequest in) {
        WaitingEntry e = list.addOwn(in);
        return Response.status(201).header("Location", "/api/v1/scheduling/my/waiting-list/" + e.id).entity(e).build();
    }

    @DELETE
    @Path("{id}")
    public WaitingEntry remove(@PathParam("id") String id) {
        return list.removeOwn(id);
    }
}
