package org.pavilion.emr.internal;

import java.util.List;

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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/emr/patients. */
@Component(service = PatientResource.class, property = Endpoints.REST_BASE + "=/emr/patients")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientResource {

    /** Header on a search answer whose total counts only the first hits (SearchConfig.countCap) of a match rank. */
    static final String TOTAL_IS_LOWER_BOUND = "Pavilion-Total-Is-Lower-Bound";

    private final PatientService patients;
    private final PatientMerge merges;
    private final PatientFinder finder;
    private final HarvestGuard harvest;

    @Activate
    public PatientResource(@Reference PatientService patients, @Reference PatientMerge merges,
            @Reference PatientFinder finder, @Reference HarvestGuard harvest) {
        this.harvest = harvest;
        this.patients = patients;
        this.merges = merges;
        this.finder = finder;
    }

    /** An unidentified emergency arrival: an MRN now, identity later. */
    @POST
    @Path("emergency")
    @RequiresPrivilege("emr.patient.register-emergency")
    public Response registerEmergency(EmergencyArrival in) {
        Patient p = patients.registerEmergency(in);
        return Response.status(201).header("Location", "/api/v1/emr/patients/" + p.mrn).entity(p).build();
    }

    /** Body: {"duplicateMrn": "...", "reason": "..."}; the MRN in the path survives. */
    @POST
    @Path("{mrn}/merge")
    @RequiresPrivilege("emr.patient.merge")
    public PatientMerge.MergeResult merge(@PathParam("mrn") String survivorMrn, MergeRequest in) {
        if (in == null) {
            throw ProblemException.validation("Send {\"duplicateMrn\": ..., \"reason\": ...}");
        }
        return merges.merge(survivorMrn, in.duplicateMrn, in.reason);
    }

    public static class MergeRequest {
        public String duplicateMrn;
        public String reason;
    }

    @POST
    @RequiresPrivilege("emr.patient.register")
    public Response register(PatientDemographics in,
            @QueryParam("confirmDuplicate") @DefaultValue("false") boolean confirmDuplicate) {
        Patient p = patients.register(in, confirmDuplicate);
        return Response.status(201).header("Location", "/api/v1/emr/patients/" + p.mrn).entity(p).build();
    }

    @GET
    @RequiresPrivilege("emr.patient.search")
    public Response search(@QueryParam("mrn") String mrn, @QueryParam("nationalId") String nationalId,
            @QueryParam("phone") String phone, @QueryParam("birthDate") String birthDate,
            @QueryParam("name") String name, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size,
            @QueryParam("fuzzy") @DefaultValue("true") boolean fuzzy) {
        try {
            harvest.admit();
        } catch (HarvestGuard.TooManyPatients e) {
            return e.response();
        }
        PatientSearch q = new PatientSearch();
        q.mrn = mrn;
        q.nationalId = nationalId;
        q.phone = phone;
        q.birthDate = birthDate;
        q.name = name;
        PatientFinder.Found found = finder.search(q, page, size, fuzzy);
        harvest.saw(found.page().getItems().stream().map(p -> p.mrn).toList());
        Response.ResponseBuilder r = Response.ok(found.page());
        return (found.totalIsLowerBound() ? r.header(TOTAL_IS_LOWER_BOUND, "true") : r).build();
    }

    /** PATIENT users reach only their own MRN; the service checks and audits the refusal. */
    @GET
    @Path("{mrn}")
    @RequiresPrivilege("emr.patient.view")
    public Response get(@PathParam("mrn") String mrn, @Context UriInfo uri,
            @HeaderParam(ClinicalAccess.BREAK_GLASS_HEADER) String breakGlassReason) {
        try {
            harvest.admit();
        } catch (HarvestGuard.TooManyPatients e) {
            return e.response();
        }
        Patient p = patients.get(mrn, breakGlassReason);
        harvest.saw(List.of(p.mrn));
        if (p.redirectedFrom != null) {
            // A merged duplicate's MRN is a tombstone: permanent redirect to the survivor, which is also the body.
            return Response.status(308).location(uri.getBaseUriBuilder().path(p.mrn).build()).entity(p).build();
        }
        return Response.ok(p).tag(new EntityTag(Long.toString(p.version))).build();
    }

    @PUT
    @Path("{mrn}")
    @RequiresPrivilege("emr.patient.edit")
    public Response update(@PathParam("mrn") String mrn, @HeaderParam("If-Match") String ifMatch,
            PatientDemographics in) {
        Patient p = RestrictedContact.forCaller(patients.update(mrn, in, expectedVersion(ifMatch)));
        return Response.ok(p).tag(new EntityTag(Long.toString(p.version))).build();
    }

    /** The version an If-Match names ("3", W/"3" or 3); null without the header; 400 for anything else. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String v = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.validation("If-Match must be the ETag (version) of the record, was " + ifMatch);
        }
    }
}
