package org.pavilion.lab.internal.order;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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
import org.pavilion.lab.internal.order.OrderViews.SpecimenDto;

/** REST at /api/v1/lab/specimens: collecting at the bedside, receiving or rejecting in the lab, printing labels. */
@Component(service = SpecimenResource.class, property = Endpoints.REST_BASE + "=/lab/specimens")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpecimenResource {

    private final Specimens specimens;

    @Activate
    public SpecimenResource(@Reference Specimens specimens) {
        this.specimens = specimens;
    }

    @POST
    @Path("{id}/collect")
    @RequiresPrivilege(Specimens.COLLECT)
    public SpecimenDto collect(@PathParam("id") String id) {
        return specimens.collect(id);
    }

    @POST
    @Path("{id}/receive")
    @RequiresPrivilege(Specimens.RECEIVE)
    public SpecimenDto receive(@PathParam("id") String id) {
        return specimens.receive(id);
    }

    @POST
    @Path("{id}/reject")
    @RequiresPrivilege(Specimens.RECEIVE)
    public SpecimenDto reject(@PathParam("id") String id, OrderBodies.Reason in) {
        return specimens.reject(id, in == null ? null : in.reason);
    }

    /** The tube label: Code 128 of the id, with MRN, order number and tests in text. */
    @GET
    @Path("{id}/label.png")
    @Produces("image/png")
    @RequiresPrivilege(Specimens.COLLECT)
    public Response label(@PathParam("id") String id) {
        byte[] png = SpecimenLabels.png(specimens.forLabel(id));
        return Response.ok(png, "image/png").header("Cache-Control", "no-store").build();
    }
}
