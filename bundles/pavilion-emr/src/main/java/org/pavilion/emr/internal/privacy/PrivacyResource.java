package org.pavilion.emr.internal.privacy;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.emr.internal.ClinicalAccess;

/** REST at /api/v1/emr/privacy: the GDPR export and erasure of a patient's EMR data. */
@Component(service = PrivacyResource.class, property = Endpoints.REST_BASE + "=/emr/privacy")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    private final PatientPrivacy privacy;

    @Activate
    public PrivacyResource(@Reference PatientPrivacy privacy) {
        this.privacy = privacy;
    }

    /**
     * The whole EMR record as one ZIP (patient.json); for the patient themself, or an administrator giving a
     * reason (header Pavilion-Break-Glass-Reason or ?reason=), audited as emergency access.
     */
    @GET
    @Path("{mrn}/export")
    @Produces("application/zip")
    @RequiresPrivilege("emr.privacy.export")
    public Response export(@PathParam("mrn") String mrn,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String headerReason,
            @QueryParam("reason") String queryReason) {
        List<String> mrns = privacy.prepareExport(mrn, headerReason != null ? headerReason : queryReason);
        StreamingOutput body = out -> privacy.export(mrns, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"patient-" + mrns.get(0) + "-export.zip\"")
                .build();
    }

    /** Carries out an erasure request; body {"reason": "..."}; answers what was removed, kept and why. */
    @POST
    @Path("{mrn}/erasure")
    @RequiresPrivilege("emr.privacy.erase")
    public ErasureReport erase(@PathParam("mrn") String mrn, ErasureRequest in) {
        if (in == null) {
            throw ProblemException.validation("Send {\"reason\": ...}");
        }
        return privacy.erase(mrn, in.reason);
    }

    /**
     * Each department's last outcome of this record's erasure (DONE, FAILED), and NOT_RUN for one installed since.
     * Erasing again re-runs them all, which completes it (docs/privacy-participants.md).
     */
    @GET
    @Path("{mrn}/erasure/participants")
    @RequiresPrivilege("emr.privacy.erase")
    public List<ParticipantRun> erasureParticipants(@PathParam("mrn") String mrn) {
        return privacy.erasureParticipants(mrn);
    }

    public static class ErasureRequest {
        public String reason;
    }
}
