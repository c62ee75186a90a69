package org.pavilion.emr.internal;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
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
import org.pavilion.core.api.rest.Page;

/** REST at /api/v1/emr/patients. */
@Component(service = PatientResource.class, property = Endpoints.REST_BASE + "=/emr/patients")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientResource {

    private final PatientService patients;
    private final PatientFinder finder;

    @Activate
    public PatientResource(@Reference PatientService patients, @Reference PatientFinder finder) {
        this.patients = patients;
        this.finder = finder;
    }

    @POST
    @RolesAllowed({"RECEPTIONIST", "ADMIN"})
    public Response register(PatientDemographics in,
            @QueryParam("confirmDuplicate") @DefaultValue("false") boolean confirmDuplicate) {
        Patient p = patients.register(in, confirmDuplicate);
        return Response.status(201).header("Location", "/api/v1/emr/patients/" + p.mrn).entity(p).build();
    }

    @GET
    @RolesAllowed({"RECEPTIONIST", "BILLING", "DOCTOR", "NURSE", "ADMIN"})
    public Page<Patient> search(@QueryParam("mrn") String mrn, @QueryParam("nationalId") String nationalId,
            @QueryParam("phone") String phone, @QueryParam("birthDate") String birthDate,
            @QueryParam("name") String name, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size,
            @QueryParam("fuzzy") @DefaultValue("true") boolean fuzzy) {
        PatientSearch q = new PatientSearch();
        q.mrn = mrn;
        q.nationalId = nationalId;
        q.phone = phone;
        q.birthDate = birthDate;
        q.name = name;
        return finder.search(q, page, size, fuzzy);
    }

    /** PATIENT users reach only their own MRN; the service checks and audits the refusal. */
    @GET
    @Path("{mrn}")
    @RolesAllowed({"RECEPTIONIST", "BILLING", "DOCTOR", "NURSE", "ADMIN", "PATIENT"})
    public Patient get(@PathParam("mrn") String mrn) {
        return patients.get(mrn);
    }

    @PUT
    @Path("{mrn}")
    @RolesAllowed({"RECEPTIONIST", "ADMIN"})
    public Patient update(@PathParam("mrn") String mrn, PatientDemographics in) {
        return patients.update(mrn, in);
    }
}
