package org.pavilion.pharmacy.internal.dispensing;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.pharmacy.internal.access.PatientGate;

/** REST at /api/v1/pharmacy/queue: prescriptions waiting to be dispensed, oldest first. */
@Component(service = QueueResource.class, property = Endpoints.REST_BASE + "=" + QueueResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueueResource {

    /** Below /api/v1. */
    static final String BASE = "/pharmacy/queue";

    private final Prescriptions prescriptions;

    @Activate
    public QueueResource(@Reference Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @GET
    @RequiresPrivilege(PatientGate.VIEW)
    public Page<Views.Prescription> queue(@QueryParam("status") String status,
            @QueryParam("patientId") String patientId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return prescriptions.queue(status, patientId, page, size);
    }
}
