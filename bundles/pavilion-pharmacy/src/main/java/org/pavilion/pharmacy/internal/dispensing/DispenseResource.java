package org.pavilion.pharmacy.internal.dispensing;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
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

/** REST at /api/v1/pharmacy/dispenses: returns of unused medicine against a dispense. */
@Component(service = DispenseResource.class, property = Endpoints.REST_BASE + "=" + DispenseResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DispenseResource {

    /** Below /api/v1. */
    static final String BASE = "/pharmacy/dispenses";

    private final Dispensing dispensing;

    @Activate
    public DispenseResource(@Reference Dispensing dispensing) {
        this.dispensing = dispensing;
    }

    @POST
    @Path("{id}/returns")
    @RequiresPrivilege(PatientGate.RECORD)
    public Response returnDispense(@PathParam("id") String id, Bodies.Return in) {
        return Response.status(201).entity(dispensing.returnDispense(id, in)).build();
    }
}
