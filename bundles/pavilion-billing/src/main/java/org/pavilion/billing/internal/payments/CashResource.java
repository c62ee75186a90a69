package org.pavilion.billing.internal.payments;

import javax.ws.rs.Consumes;
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

/** REST at /api/v1/billing/cash: a cashier's till for a day, and its close. */
@Component(service = CashResource.class, property = Endpoints.REST_BASE + "=" + CashResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CashResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/cash";

    private final CashDesk desk;

    @Activate
    public CashResource(@Reference CashDesk desk) {
        this.desk = desk;
    }

    @GET
    @Path("{cashier}/{day}")
    @RequiresPrivilege(PaymentsResource.RECORD)
    public PaymentViews.Till till(@PathParam("cashier") String cashier, @PathParam("day") String day) {
        return desk.till(cashier, day);
    }

    @POST
    @Path("{cashier}/{day}/close")
    @RequiresPrivilege(PaymentsResource.RECORD)
    public Response close(@PathParam("cashier") String cashier, @PathParam("day") String day,
            PaymentBodies.Close in) {
        return Response.status(201).entity(desk.close(cashier, day, in)).build();
    }
}
