package org.pavilion.billing.internal.payments;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/billing/portal/payments: "pay now" for the signed-in patient's own invoice. It answers where to send
 * the patient; the payment itself is recorded when the provider's notification arrives.
 */
@Component(service = PortalPaymentsResource.class,
        property = Endpoints.REST_BASE + "=" + PortalPaymentsResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalPaymentsResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/portal/payments";

    private final OnlinePayments online;

    @Activate
    public PortalPaymentsResource(@Reference OnlinePayments online) {
        this.online = online;
    }

    @POST
    @RequiresPrivilege(PatientGate.VIEW_OWN)
    public Response pay(PaymentBodies.PayOnline in) {
        return Response.status(201).entity(online.start(in)).build();
    }
}
