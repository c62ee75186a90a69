package org.pavilion.notifications.internal.rules;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/events: the event types rules may name, their fields and recipients. */
@Component(service = EventResource.class, property = Endpoints.REST_BASE + "=" + EventResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    static final String BASE = "/notifications/events";

    @GET
    @RequiresPrivilege(RuleResource.VIEW)
    public List<EventCatalogue.EventType> list() {
        return EventCatalogue.all();
    }
}
