package org.pavilion.notifications.internal.recipients;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/portal: the signed-in patient's own channels and messages. */
@Component(service = PortalResource.class, property = Endpoints.REST_BASE + "=" + PortalResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/portal";

    private final Preferences preferences;
    private final OwnMessages messages;

    @Activate
    public PortalResource(@Reference Preferences preferences, @Reference OwnMessages messages) {
        this.preferences = preferences;
        this.messages = messages;
    }

    @GET
    @Path("preferences")
    @RequiresPrivilege(Preferences.OWN)
    public PreferenceBodies.View preferences() {
        return preferences.readOwn();
    }

    @PUT
    @Path("preferences")
    @RequiresPrivilege(Preferences.OWN)
    public PreferenceBodies.View choose(PreferenceBodies.Update body) {
        return preferences.updateOwn(body);
    }

    @GET
    @Path("messages")
    @RequiresPrivilege(Preferences.OWN)
    public Page<OwnMessages.Message> messages(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return messages.own(page, size);
    }
}
