package org.pavilion.billing.internal.payments;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;

/**
 * REST at /api/v1/billing/payment-notifications/{provider}: the payment provider's server calls it, without a login;
 * the notification's HMAC signature over the raw body is what is trusted (checked by the provider's adapter), so the
 * body is taken as bytes, exactly as signed.
 */
@Component(service = PaymentNotificationsResource.class,
        property = Endpoints.REST_BASE + "=" + PaymentNotificationsResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentNotificationsResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/payment-notifications";

    private final OnlinePayments online;

    @Activate
    public PaymentNotificationsResource(@Reference OnlinePayments online) {
        this.online = online;
    }

    @POST
    @Path("{provider}")
    @Consumes(MediaType.WILDCARD)
    @PublicEndpoint
    public PaymentViews.Notified notified(@PathParam("provider") String provider, @Context HttpHeaders headers,
            byte[] body) {
        return online.notified(provider, body, headers::getHeaderString);
    }
}
