package org.pavilion.notifications.internal.log;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/channels: the installed channels and their queue counts per status. */
@Component(service = ChannelResource.class, property = Endpoints.REST_BASE + "=" + ChannelResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/channels";

    private final DeliveryLog log;

    @Activate
    public ChannelResource(@Reference DeliveryLog log) {
        this.log = log;
    }

    @GET
    @RequiresPrivilege(DeliveryResource.VIEW)
    public List<DeliveryViews.Channel> channels() {
        return log.channels();
    }
}
