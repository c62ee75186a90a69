package org.pavilion.lab.internal.result;

import javax.ws.rs.Consumes;
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
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/lab/results: verification, release and correction of a result. */
@Component(service = ResultResource.class, property = Endpoints.REST_BASE + "=/lab/results")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResultResource {

    private final Results results;

    @Activate
    public ResultResource(@Reference Results results) {
        this.results = results;
    }

    @POST
    @Path("{id}/verify")
    @RequiresPrivilege(Results.VERIFY)
    public ResultDto verify(@PathParam("id") String id) {
        return results.verify(id);
    }

    @POST
    @Path("{id}/release")
    @RequiresPrivilege(Results.VERIFY)
    public ResultDto release(@PathParam("id") String id) {
        return results.release(id);
    }

    @POST
    @Path("{id}/correct")
    @RequiresPrivilege(Results.ENTER)
    public Response correct(@PathParam("id") String id, ResultBody in) {
        if (in == null) {
            throw ProblemException.validation("A body {value, unit, comment, reason} is required");
        }
        ResultDto r = results.correct(id, in.value, in.unit, in.comment, in.reason);
        return Response.status(201).header("Location", "/api/v1/lab/results/" + r.id).entity(r).build();
    }
}
