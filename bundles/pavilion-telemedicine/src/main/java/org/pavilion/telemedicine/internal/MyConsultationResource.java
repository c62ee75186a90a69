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
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST for the patient's own account at /api/v1/telemedicine/my/consultations (403 for another's, or without a record). */
@Component(service = MyConsultationResource.class, property = Endpoints.REST_BASE + "=/telemedicine/my/consultations")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MyConsultationResource {

    static final String JOIN = "telemedicine.consultation.join";

    private final ConsultationService consultations;

    @Activate
    public MyConsultationResource(@Reference ConsultationService consultations) {
        this.consultations = consultations;
    }

    @GET
    @RequiresPrivilege(JOIN)
    public List<Consultation> list() {
        return consultations.mine();
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(JOIN)
    public Consultation get(@PathParam("id") String id) {
        return consultations.mine(id);
    }

    @POST
    @Path("{id}/arrive")
    @RequiresPrivilege(JOIN)
    public Consultation arrive(@PathParam("id") String id) {
        return consultations.arrive(id);
    }

    /**
     * The patient shares a file (the raw body, typed by its Content-Type) from their call; it is added to their EMR
     * documents only with {@code consent=true}.
     */
    @POST
    @Path("{id}/files")
    @Consumes(MediaType.WILDCARD)
    @RequiresPrivilege(JOIN)
    public Response share(@PathParam("id") String id, @QueryParam("consent") @DefaultValue("false") boolean consent,
            @QueryParam("title") String title, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength, InputStream body) {
        return ConsultationResource.shared(consultations.shareAsPatient(id, consent, title, contentType,
                ConsultationResource.contentLength(contentLength), body));
    }

    @POST
    @Path("{id}/signal-ticket")
    @RequiresPrivilege(JOIN)
    public SignalAccess signal(@PathParam("id") String id) {
        return consultations.patientAccess(id);
    }
}
