package org.pavilion.pharmacy.internal.stocktake;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Count;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Opening;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.StockTake;

/** REST at /api/v1/pharmacy/stock-takes: counting a store's shelves, and a second user approving the count. */
@Component(service = StockTakeResource.class, property = Endpoints.REST_BASE + "=/pharmacy/stock-takes")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StockTakeResource {

    static final String COUNT = "pharmacy.stocktake.count";
    static final String APPROVE = "pharmacy.stocktake.approve";

    private final StockTakes takes;

    @Activate
    public StockTakeResource(@Reference StockTakes takes) {
        this.takes = takes;
    }

    @POST
    @RequiresPrivilege(COUNT)
    public Response open(Opening in) {
        StockTake t = takes.open(in == null ? null : in.storeCode);
        return Response.status(201).header("Location", "/api/v1/pharmacy/stock-takes/" + t.id).entity(t).build();
    }

    @GET
    @RequiresPrivilege(COUNT)
    public Page<StockTake> list(@QueryParam("store") String store, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return takes.list(store, status, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(COUNT)
    public StockTake get(@PathParam("id") String id) {
        return takes.get(id);
    }

    @PUT
    @Path("{id}/counts")
    @RequiresPrivilege(COUNT)
    public StockTake count(@PathParam("id") String id, List<Count> counts) {
        return takes.count(id, counts);
    }

    @POST
    @Path("{id}/submit")
    @RequiresPrivilege(COUNT)
    public StockTake submit(@PathParam("id") String id) {
        return takes.submit(id);
    }

    @POST
    @Path("{id}/approve")
    @RequiresPrivilege(APPROVE)
    public StockTake approve(@PathParam("id") String id) {
        return takes.approve(id);
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(COUNT)
    public StockTake cancel(@PathParam("id") String id) {
        return takes.cancel(id);
    }
}
