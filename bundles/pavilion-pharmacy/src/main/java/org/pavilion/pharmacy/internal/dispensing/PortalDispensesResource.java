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

/**
 * REST at /api/v1/pharmacy/portal/dispenses: a patient's own dispensed medicines. It takes no patient parameter:
 * the record is always the caller's own; a caller without one gets 403.
 */
@Component(service = PortalDispensesResource.class, property = Endpoints.REST_BASE + "=" + PortalDispensesResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalDispensesResource {

    /** Below /api/v1. */
    static final String BASE = "/pharmacy/portal/dispenses";

    private final DispenseHistory history;

    @Activate
    public PortalDispensesResource(@Reference DispenseHistory history) {
        this.history = history;
    }

    @GET
    @RequiresPrivilege(PatientGate.VIEW_OWN)
    public Page<Views.Dispense> own(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return history.own(page, size);
    }
}
