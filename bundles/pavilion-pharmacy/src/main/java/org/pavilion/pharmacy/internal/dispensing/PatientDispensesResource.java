package org.pavilion.pharmacy.internal.dispensing;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
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
import org.pavilion.pharmacy.internal.access.PatientGate;

/** REST at /api/v1/pharmacy/patients/{mrn}/dispenses: a patient's dispensed medicines, newest first. */
@Component(service = PatientDispensesResource.class, property = Endpoints.REST_BASE + "=" + PatientDispensesResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientDispensesResource {

    /** Below /api/v1. */
    static final String BASE = "/pharmacy/patients";

    private final DispenseHistory history;

    @Activate
    public PatientDispensesResource(@Reference DispenseHistory history) {
        this.history = history;
    }

    @GET
    @Path("{mrn}/dispenses")
    @RequiresPrivilege(PatientGate.VIEW)
    public Page<Views.Dispense> dispenses(@PathParam("mrn") String mrn, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return history.of(mrn, page, size);
    }
}
