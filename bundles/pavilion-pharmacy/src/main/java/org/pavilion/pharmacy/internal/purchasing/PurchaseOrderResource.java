package org.pavilion.pharmacy.internal.purchasing;

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
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.FromSuggestions;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.GoodsReceipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderDraft;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.PurchaseOrder;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Reason;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Receipt;

/** REST at /api/v1/pharmacy/purchase-orders: orders to suppliers and the deliveries booked against them. */
@Component(service = PurchaseOrderResource.class, property = Endpoints.REST_BASE + "=/pharmacy/purchase-orders")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PurchaseOrderResource {

    private static final String MANAGE = SupplierResource.MANAGE;

    private final PurchaseOrders orders;
    private final GoodsReceipts receipts;

    @Activate
    public PurchaseOrderResource(@Reference PurchaseOrders orders, @Reference GoodsReceipts receipts) {
        this.orders = orders;
        this.receipts = receipts;
    }

    @POST
    @RequiresPrivilege(MANAGE)
    public Response create(OrderDraft in) {
        return created(orders.create(in));
    }

    @POST
    @Path("from-suggestions")
    @RequiresPrivilege(MANAGE)
    public Response fromSuggestions(FromSuggestions in) {
        return created(orders.fromSuggestions(in));
    }

    @GET
    @RequiresPrivilege(MANAGE)
    public Page<PurchaseOrder> list(@QueryParam("status") String status, @QueryParam("supplierId") String supplierId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return orders.list(status, supplierId, page, size);
    }

    /** By id or number ({@code PO-2026-00017}). */
    @GET
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public PurchaseOrder get(@PathParam("id") String id) {
        return orders.get(id);
    }

    @PUT
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public PurchaseOrder replace(@PathParam("id") String id, OrderDraft in) {
        return orders.replace(id, in);
    }

    @POST
    @Path("{id}/send")
    @RequiresPrivilege(MANAGE)
    public PurchaseOrder send(@PathParam("id") String id) {
        return orders.send(id);
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(MANAGE)
    public PurchaseOrder cancel(@PathParam("id") String id, Reason in) {
        return orders.cancel(id, in == null ? null : in.reason);
    }

    @POST
    @Path("{id}/receipts")
    @RequiresPrivilege(MANAGE)
    public Response receive(@PathParam("id") String id, Receipt in) {
        GoodsReceipt r = receipts.receive(id, in);
        return Response.status(201).header("Location", "/api/v1/pharmacy/purchase-orders/" + id).entity(r).build();
    }

    private static Response created(PurchaseOrder o) {
        return Response.status(201).header("Location", "/api/v1/pharmacy/purchase-orders/" + o.id).entity(o).build();
    }
}
