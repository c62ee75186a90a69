package org.pavilion.pharmacy.internal.stock;

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

/** REST at /api/v1/pharmacy/stock: stock by store and batch; receipts, issues, transfers, adjustments, write-offs. */
@Component(service = StockResource.class, property = Endpoints.REST_BASE + "=/pharmacy/stock")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StockResource {

    private final StockLevels levels;
    private final StockMoves moves;

    @Activate
    public StockResource(@Reference StockLevels levels, @Reference StockMoves moves) {
        this.levels = levels;
        this.moves = moves;
    }

    @GET
    @RequiresPrivilege(StockLevels.VIEW)
    public Page<StockViews.StockLine> list(@QueryParam("store") String store, @QueryParam("item") String item,
            @QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return levels.list(store, item, q, page, size);
    }

    @GET
    @Path("{store}/{item}")
    @RequiresPrivilege(StockLevels.VIEW)
    public StockViews.StockLine line(@PathParam("store") String store, @PathParam("item") String item) {
        return levels.get(store, item);
    }

    /** Opening stock or a donation; purchases come in through goods receipts. */
    @POST
    @Path("receipts")
    @RequiresPrivilege(StockMoves.MOVE)
    public Response receive(StockBodies.Receipt in) {
        return created(moves.receive(in));
    }

    @POST
    @Path("issues")
    @RequiresPrivilege(StockMoves.MOVE)
    public Response issue(StockBodies.Issue in) {
        return created(moves.issue(in));
    }

    @POST
    @Path("transfers")
    @RequiresPrivilege(StockMoves.MOVE)
    public Response transfer(StockBodies.Transfer in) {
        return created(moves.transfer(in));
    }

    @POST
    @Path("adjustments")
    @RequiresPrivilege(StockMoves.ADJUST)
    public Response adjust(StockBodies.Adjustment in) {
        return created(moves.adjust(in));
    }

    @POST
    @Path("write-offs")
    @RequiresPrivilege(StockMoves.ADJUST)
    public Response writeOff(StockBodies.WriteOff in) {
        return created(moves.writeOff(in));
    }

    private static Response created(StockViews.Movements posted) {
        return Response.status(201).entity(posted).build();
    }
}
