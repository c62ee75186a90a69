package org.pavilion.billing.internal.payments;

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

/** REST at /api/v1/billing/payments: the cash desk's payments and refunds. */
@Component(service = PaymentsResource.class, property = Endpoints.REST_BASE + "=" + PaymentsResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PaymentsResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/payments";
    static final String RECORD = "billing.payments.record";

    private final PaymentService payments;

    @Activate
    public PaymentsResource(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @POST
    @RequiresPrivilege(RECORD)
    public Response pay(PaymentBodies.Pay in) {
        PaymentViews.Payment p = payments.record(in);
        return Response.status(201).header("Location", "/api/v1" + BASE + "?day=" + p.day).entity(p).build();
    }

    @POST
    @Path("{id}/refunds")
    @RequiresPrivilege(RECORD)
    public Response refund(@PathParam("id") String id, PaymentBodies.Refund in) {
        return Response.status(201).entity(payments.refund(id, in)).build();
    }

    @GET
    @RequiresPrivilege(RECORD)
    public Page<PaymentViews.Payment> list(@QueryParam("cashier") String cashier, @QueryParam("day") String day,
            @QueryParam("patientId") String patientId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return payments.list(cashier, day, patientId, page, size);
    }
}
