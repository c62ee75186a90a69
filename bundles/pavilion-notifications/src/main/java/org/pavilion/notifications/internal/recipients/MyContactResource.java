package org.pavilion.notifications.internal.recipients;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/me/contact: a staff member's own address for alerts. */
@Component(service = MyContactResource.class, property = Endpoints.REST_BASE + "=" + MyContactResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MyContactResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/me";

    private final StaffContacts contacts;

    @Activate
    public MyContactResource(@Reference StaffContacts contacts) {
        this.contacts = contacts;
    }

    @GET
    @Path("contact")
    @RequiresPrivilege(StaffContacts.OWN)
    public StaffContactBodies.Contact get() {
        return contacts.own();
    }

    @PUT
    @Path("contact")
    @RequiresPrivilege(StaffContacts.OWN)
    public StaffContactBodies.Contact put(StaffContactBodies.Update body) {
        return contacts.putOwn(body);
    }
}
