package org.pavilion.lab.internal.order;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/lab/items: a technician starts a received test. The base {@code /lab/items} is one JAX-RS server
 * (bases are unique in core's RestPublisher): item endpoints of other parts (a result's entry) belong in this class.
 */
@Component(service = ItemResource.class, property = Endpoints.REST_BASE + "=/lab/items")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ItemResource {

    private final Worklist worklist;

    @Activate
    public ItemResource(@Reference Worklist worklist) {
        this.worklist = worklist;
    }

    @POST
    @Path("{itemId}/start")
    @RequiresPrivilege(Worklist.RECEIVE)
    public OrderViews.ItemDto start(@PathParam("itemId") String itemId) {
        return worklist.start(itemId);
    }
}
