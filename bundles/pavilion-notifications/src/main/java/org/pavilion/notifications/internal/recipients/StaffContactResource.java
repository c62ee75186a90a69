package org.pavilion.notifications.internal.recipients;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
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

/** REST at /api/v1/notifications/staff-contacts: staff members' addresses for alerts, kept by an administrator. */
@Component(service = StaffContactResource.class, property = Endpoints.REST_BASE + "=" + StaffContactResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffContactResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/staff-contacts";

    private final StaffContacts contacts;

    @Activate
    public StaffContactResource(@Reference StaffContacts contacts) {
        this.contacts = contacts;
    }

    @GET
    @RequiresPrivilege(StaffContacts.MANAGE)
    public Page<StaffContactBodies.Contact> list(@QueryParam("username") String username,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return contacts.list(username, page, size);
    }

    @GET
    @Path("{username}")
    @RequiresPrivilege(StaffContacts.MANAGE)
    public StaffContactBodies.Contact get(@PathParam("username") String username) {
        return contacts.get(username);
    }

    @PUT
    @Path("{username}")
    @RequiresPrivilege(StaffContacts.MANAGE)
    public StaffContactBodies.Contact put(@PathParam("username") String username, StaffContactBodies.Update body) {
        return contacts.put(username, body);
    }

    @DELETE
    @Path("{username}")
    @RequiresPrivilege(StaffContacts.MANAGE)
    public void delete(@PathParam("username") String username) {
        // void: JAX-RS answers 204 No Content
        contacts.delete(username);
    }
}
