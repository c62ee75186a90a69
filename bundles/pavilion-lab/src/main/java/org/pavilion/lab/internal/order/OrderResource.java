package org.pavilion.lab.internal.order;

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
import org.pavilion.lab.internal.order.OrderViews.OrderDto;

/** REST at /api/v1/lab/orders: doctors order tests, the wards follow them, a doctor cancels what is not resulted. */
@Component(service = OrderResource.class, property = Endpoints.REST_BASE + "=/lab/orders")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final LabOrders orders;

    @Activate
    public OrderResource(@Reference LabOrders orders) {
        this.orders = orders;
    }

    @POST
    @RequiresPrivilege(LabOrders.PLACE)
    public Response place(OrderBodies.Placement in) {
        OrderDto o = orders.place(in);
        return Response.status(201).header("Location", "/api/v1/lab/orders/" + o.id).entity(o).build();
    }

    /** By id or order number ({@code LAB-2026-17}). */
    @GET
    @Path("{id}")
    @RequiresPrivilege(LabOrders.VIEW)
    public OrderDto get(@PathParam("id") String id) {
        return orders.get(id);
    }

    @GET
    @RequiresPrivilege(LabOrders.VIEW)
    public Page<OrderDto> list(@QueryParam("patientId") String patientId, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return orders.list(patientId, status, page, size);
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(LabOrders.CANCEL)
    public OrderDto cancel(@PathParam("id") String id, OrderBodies.Reason in) {
        return orders.cancel(id, in == null ? null : in.reason);
    }
}
