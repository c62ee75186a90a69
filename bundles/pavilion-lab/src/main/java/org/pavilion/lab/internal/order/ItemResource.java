package org.pavilion.lab.internal.order;

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
import org.pavilion.lab.internal.result.ResultBody;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.Results;

/**
 * REST at /api/v1/lab/items: a technician starts a received test and enters its result. The base
 * {@code /lab/items} is one JAX-RS server (bases are unique in core's RestPublisher), so every item endpoint is here.
 */
@Component(service = ItemResource.class, property = Endpoints.REST_BASE + "=/lab/items")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ItemResource {

    private final Worklist worklist;
    private final Results results;

    @Activate
    public ItemResource(@Reference Worklist worklist, @Reference Results results) {
        this.worklist = worklist;
        this.results = results;
    }

    @POST
    @Path("{itemId}/start")
    @RequiresPrivilege(Worklist.RECEIVE)
    public OrderViews.ItemDto start(@PathParam("itemId") String itemId) {
        return worklist.start(itemId);
    }

    @POST
    @Path("{itemId}/result")
    @RequiresPrivilege(Results.ENTER)
    public Response enter(@PathParam("itemId") String itemId, ResultBody in) {
        if (in == null) {
            throw ProblemException.validation("A body {value, unit, comment} is required");
        }
        ResultDto r = results.enter(itemId, in.value, in.unit, in.comment);
        return Response.status(201).header("Location", "/api/v1/lab/results/" + r.id).entity(r).build();
    }
}
