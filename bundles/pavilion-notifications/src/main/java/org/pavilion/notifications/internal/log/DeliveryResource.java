package org.pavilion.notifications.internal.log;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/deliveries (docs/notifications-api.md, "REST"): the delivery log. */
@Component(service = DeliveryResource.class, property = Endpoints.REST_BASE + "=" + DeliveryResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/deliveries";
    static final String VIEW = "notifications.deliveries.view";
    static final String RETRY = "notifications.deliveries.retry";

    private final DeliveryLog log;

    @Activate
    public DeliveryResource(@Reference DeliveryLog log) {
        this.log = log;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public Page<DeliveryViews.Delivery> search(@QueryParam("patientId") String patientId,
            @QueryParam("status") String status, @QueryParam("channel") String channel,
            @QueryParam("eventType") String eventType, @QueryParam("recipient") String recipient,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return log.search(new DeliveryLog.Criteria(patientId, status, channel, eventType, recipient, from, to), page,
                size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(VIEW)
    public DeliveryViews.Delivery get(@PathParam("id") String id) {
        return log.get(id);
    }

    @POST
    @Path("{id}/retry")
    @RequiresPrivilege(RETRY)
    public DeliveryViews.Delivery retry(@PathParam("id") String id) {
        return log.retry(id);
    }
}
