package org.pavilion.telemedicine.internal;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

/** REST for the doctor at /api/v1/telemedicine/consultations: the rooms, the waiting room, admit, end, guest links. */
@Component(service = ConsultationResource.class, property = Endpoints.REST_BASE + "=/telemedicine/consultations")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsultationResource {

    static final String HOST = "telemedicine.consultation.host";

    private final ConsultationService consultations;

    @Activate
    public ConsultationResource(@Reference ConsultationService consultations) {
        this.consultations = consultations;
    }

    @GET
    @RequiresPrivilege(HOST)
    public Page<Consultation> list(@QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return consultations.list(state, page, size);
    }

    @GET
    @Path("waiting")
    @RequiresPrivilege(HOST)
    public List<Consultation> waiting(@QueryParam("doctorId") String doctorId) {
        return consultations.waiting(doctorId);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(HOST)
    public Consultation get(@PathParam("id") String id) {
        return consultations.get(id);
    }

    @POST
    @Path("{id}/admit")
    @RequiresPrivilege(HOST)
    public Consultation admit(@PathParam("id") String id) {
        return consultations.admit(id);
    }

    @POST
    @Path("{id}/end")
    @RequiresPrivilege(HOST)
    public Consultation end(@PathParam("id") String id) {
        return consultations.end(id);
    }

    @POST
    @Path("{id}/guest-links")
    @RequiresPrivilege(HOST)
    public Response guestLink(@PathParam("id") String id, GuestLinkRequest in) {
        return Response.status(201).entity(consultations.createGuestLink(id, in)).build();
    }

    /** The host shares a file (the raw body, typed by its Content-Type) into the patient's EMR documents. */
    @POST
    @Path("{id}/files")
    @Consumes(MediaType.WILDCARD)
    @RequiresPrivilege(HOST)
    public Response share(@PathParam("id") String id, @QueryParam("title") String title,
            @HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") String contentLength,
            InputStream body) {
        return shared(consultations.shareAsHost(id, title, contentType, contentLength(contentLength), body));
    }

    /** 201 with the EMR document's address. */
    static Response shared(SharedFile file) {
        return Response.status(201).header("Location", "/api/v1/emr/documents/" + file.documentId).entity(file)
                .build();
    }

    /** The declared length, -1 when none (a chunked upload: the cap is enforced while reading). */
    static long contentLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the container refuses a malformed Content-Length before we get here
        }
    }

    @POST
    @Path("{id}/signal-ticket")
    @RequiresPrivilege(HOST)
    public SignalAccess signal(@PathParam("id") String id) {
        return consultations.hostAccess(id);
    }
}
