package org.pavilion.emr.internal.portal;

import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/emr/portal: what a patient does on their own record from the portal. No MRN in any path: the
 * signed-in account's patientId decides whose record it is.
 */
@Component(service = PortalResource.class, property = Endpoints.REST_BASE + "=/emr/portal")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalResource {

    private final OwnContacts contacts;
    private final ErasureRequests erasure;

    @Activate
    public PortalResource(@Reference OwnContacts contacts, @Reference ErasureRequests erasure) {
        this.contacts = contacts;
        this.erasure = erasure;
    }

    /** Own phones, email, language and preferred channel (emr.patient.view: every account may read its own). */
    @GET
    @Path("contact")
    @RequiresPrivilege("emr.patient.view")
    public OwnContact contact() {
        return contacts.get();
    }

    /** Replaces them; {@code version} as read, or 412 when the front desk changed the record meanwhile. */
    @PUT
    @Path("contact")
    @RequiresPrivilege("emr.portal.contact-own")
    public OwnContact changeContact(OwnContact in) {
        return contacts.update(in);
    }

    /** The latest erasure request filed from this account's record: {"request": {...}} or {} when none. */
    @GET
    @Path("erasure-request")
    @RequiresPrivilege("emr.privacy.request-erasure")
    public Map<String, Object> erasureRequest() {
        Map<String, Object> out = new HashMap<>();
        ErasureRequest r = erasure.own();
        if (r != null) {
            out.put("request", r);
        }
        return out;
    }

    /** Body {"note": "..."} (optional); 201, or 409 {@value ErasureRequests#ALREADY_OPEN} while one is open. */
    @POST
    @Path("erasure-request")
    @RequiresPrivilege("emr.privacy.request-erasure")
    public Response requestErasure(ErasureNote in) {
        return Response.status(201).entity(erasure.request(in == null ? null : in.note)).build();
    }

    public static class ErasureNote {
        public String note;
    }
}
