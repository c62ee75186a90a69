package org.pavilion.pharmacy.internal.dispensing;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.pharmacy.internal.access.PatientGate;

/** REST at /api/v1/pharmacy/prescriptions: one prescription, its match to the catalogue, its dispenses. */
@Component(service = PrescriptionResource.class, property = Endpoints.REST_BASE + "=" + PrescriptionResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrescriptionResource {

    /** Below /api/v1. */
    static final String BASE = "/pharmacy/prescriptions";

    private final Prescriptions prescriptions;
    private final Dispensing dispensing;

    @Activate
    public PrescriptionResource(@Reference Prescriptions prescriptions, @Reference Dispensing dispensing) {
        this.prescriptions = prescriptions;
        this.dispensing = dispensing;
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(PatientGate.VIEW)
    public Views.Prescription get(@PathParam("id") String id) {
        return prescriptions.get(id);
    }

    @PUT
    @Path("{id}")
    @RequiresPrivilege(PatientGate.RECORD)
    public Views.Prescription match(@PathParam("id") String id, Bodies.Match in) {
        return prescriptions.match(id, in);
    }

    @POST
    @Path("{id}/dispenses")
    @RequiresPrivilege(PatientGate.RECORD)
    public Response dispense(@PathParam("id") String id, Bodies.Dispense in) {
        Views.Dispense d = dispensing.dispense(id, in);
        return Response.status(201).header("Location", "/api/v1/pharmacy/patients/" + d.patientId + "/dispenses")
                .entity(d).build();
    }
}
