package org.pavilion.example.internal;

import javax.ws.rs.Consumes;
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

/** REST at /api/v1/example/visits. */
@Component(service = VisitResource.class, property = Endpoints.REST_BASE + "=/example/visits")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VisitResource {

    private final VisitService visits;

    @Activate
    public VisitResource(@Reference VisitService visits) {
        this.visits = visits;
    }

    @POST
    @RequiresPrivilege("example.visit.check-in")
    public Response checkIn(CheckIn in) {
        Visit v = visits.checkIn(in);
        return Response.status(201).header("Location", "/api/v1/example/visits/" + v.id).entity(v).build();
    }

    @GET
    @RequiresPrivilege("example.visit.view")
    public Page<Visit> list(@QueryParam("patientId") String patientId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return visits.list(patientId, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("example.visit.view")
    public Visit get(@PathParam("id") String id) {
        return visits.get(id, VisitService.REST_VIEW);
    }
}
