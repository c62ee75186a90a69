package org.pavilion.emr.internal.record;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.pavilion.emr.internal.ClinicalAccess;

/**
 * REST at /api/v1/emr/records/{mrn}/...: the clinical record, one resource over the record's services. Reads and the clinician writes admit every staff
 * role and PATIENT, so that {@link ClinicalAccess} (in the service) refuses the ones that may not and audits
 * the refusal against the patient; diagnoses and prescriptions are DOCTOR only. The break-the-glass reason
 * comes in the {@value ClinicalAccess#BREAK_GLASS_HEADER} header.
 */
@Component(service = ClinicalRecordResource.class, property = Endpoints.REST_BASE + "=/emr/records")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClinicalRecordResource {

    static final String BREAK_GLASS = ClinicalAccess.BREAK_GLASS_HEADER;

    private final RecordView view;
    private final RecordRestriction restriction;
    private final EncounterService encounters;
    private final ProblemList problems;
    private final AllergyList allergies;
    private final ObservationService observations;
    private final ClinicalNotes notes;
    private final PrescriptionService prescriptions;

    @Activate
    public ClinicalRecordResource(@Reference RecordView view, @Reference RecordRestriction restriction,
            @Reference EncounterService encounters, @Reference ProblemList problems, @Reference AllergyList allergies,
            @Reference ObservationService observations, @Reference ClinicalNotes notes,
            @Reference PrescriptionService prescriptions) {
        this.view = view;
        this.restriction = restriction;
        this.encounters = encounters;
        this.problems = problems;
        this.allergies = allergies;
        this.observations = observations;
        this.notes = notes;
        this.prescriptions = prescriptions;
    }

    @GET
    @Path("{mrn}")
    @RequiresPrivilege("emr.record.view")
    public Clinical.Record view(@PathParam("mrn") String mrn,
            @QueryParam("encounters") @DefaultValue("5") int encounters, @HeaderParam(BREAK_GLASS) String reason) {
        return view.record(mrn, encounters, reason);
    }

    @PUT
    @Path("{mrn}/restriction")
    @RequiresPrivilege("emr.record.restrict")
    public Map<String, Object> restrict(@PathParam("mrn") String mrn, Restriction in,
            @HeaderParam(BREAK_GLASS) String headerReason) {
        String reason = in != null && in.reason != null ? in.reason : headerReason;
        return Map.of("mrn", mrn, "restricted",
                restriction.restrict(mrn, in == null ? null : in.restricted, reason));
    }

    /** Body of PUT restriction: lifting it ({@code restricted=false}) needs a reason (or the break-glass header). */
    public static class Restriction {
        public Boolean restricted;
        public String reason;
    }

    // encounters
    @POST
    @Path("{mrn}/encounters")
    @RequiresPrivilege("emr.record.edit")
    public Response openEncounter(@PathParam("mrn") String mrn, Clinical.EncounterInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(encounters.openEncounter(mrn, in, reason));
    }

    @POST
    @Path("{mrn}/encounters/{id}/close")
    @RequiresPrivilege("emr.record.edit")
    public Clinical.Encounter closeEncounter(@PathParam("mrn") String mrn, @PathParam("id") String id,
            @HeaderParam(BREAK_GLASS) String reason) {
        return encounters.closeEncounter(mrn, id, reason);
    }

    @GET
    @Path("{mrn}/encounters")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Encounter> encounters(@PathParam("mrn") String mrn,
            @QueryParam("size") @DefaultValue("20") int size, @HeaderParam(BREAK_GLASS) String reason) {
        return encounters.encounters(mrn, size, reason);
    }

    // problems (diagnoses)
    @POST
    @Path("{mrn}/problems")
    @RequiresPrivilege("emr.problem.record")
    public Response recordDiagnosis(@PathParam("mrn") String mrn, Clinical.DiagnosisInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(problems.recordDiagnosis(mrn, in, reason));
    }

    @PUT
    @Path("{mrn}/problems/{id}/status")
    @RequiresPrivilege("emr.problem.record")
    public Clinical.Diagnosis changeProblemStatus(@PathParam("mrn") String mrn, @PathParam("id") String id,
            Clinical.StatusChange in, @HeaderParam(BREAK_GLASS) String reason) {
        return problems.changeProblemStatus(mrn, id, in, reason);
    }

    @GET
    @Path("{mrn}/problems")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Diagnosis> problems(@PathParam("mrn") String mrn, @QueryParam("status") String status,
            @HeaderParam(BREAK_GLASS) String reason) {
        return problems.problems(mrn, status, reason);
    }

    // allergies
    @POST
    @Path("{mrn}/allergies")
    @RequiresPrivilege("emr.record.edit")
    public Response recordAllergy(@PathParam("mrn") String mrn, Clinical.AllergyInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(allergies.recordAllergy(mrn, in, reason));
    }

    @GET
    @Path("{mrn}/allergies")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Allergy> allergies(@PathParam("mrn") String mrn, @HeaderParam(BREAK_GLASS) String reason) {
        return allergies.allergies(mrn, reason);
    }

    // observations
    @POST
    @Path("{mrn}/observations")
    @RequiresPrivilege("emr.record.edit")
    public Response recordObservation(@PathParam("mrn") String mrn, Clinical.ObservationInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(observations.recordObservation(mrn, in, reason));
    }

    @GET
    @Path("{mrn}/observations")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Observation> observations(@PathParam("mrn") String mrn, @QueryParam("code") String code,
            @QueryParam("size") @DefaultValue("50") int size, @HeaderParam(BREAK_GLASS) String reason) {
        return observations.observations(mrn, code, size, reason);
    }

    // notes
    @POST
    @Path("{mrn}/notes")
    @RequiresPrivilege("emr.record.edit")
    public Response writeNote(@PathParam("mrn") String mrn, Clinical.NoteInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(notes.writeNote(mrn, in, reason));
    }

    @GET
    @Path("{mrn}/notes")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Note> notes(@PathParam("mrn") String mrn, @QueryParam("size") @DefaultValue("50") int size,
            @HeaderParam(BREAK_GLASS) String reason) {
        return notes.notes(mrn, size, reason);
    }

    // prescriptions
    @POST
    @Path("{mrn}/prescriptions")
    @RequiresPrivilege("emr.prescription.write")
    public Response prescribe(@PathParam("mrn") String mrn, Clinical.PrescriptionInput in,
            @HeaderParam(BREAK_GLASS) String reason) {
        return created(prescriptions.prescribe(mrn, in, reason));
    }

    @POST
    @Path("{mrn}/prescriptions/{id}/stop")
    @RequiresPrivilege("emr.prescription.write")
    public Clinical.Prescription stop(@PathParam("mrn") String mrn, @PathParam("id") String id,
            @HeaderParam(BREAK_GLASS) String reason) {
        return prescriptions.stopPrescription(mrn, id, reason);
    }

    /** {@code ?current=true}: the current medications only. */
    @GET
    @Path("{mrn}/prescriptions")
    @RequiresPrivilege("emr.record.view")
    public List<Clinical.Prescription> prescriptions(@PathParam("mrn") String mrn,
            @QueryParam("current") @DefaultValue("false") boolean current, @HeaderParam(BREAK_GLASS) String reason) {
        return prescriptions.prescriptions(mrn, current, reason);
    }

    private static Response created(Object entity) {
        return Response.status(201).entity(entity).build();
    }
}
