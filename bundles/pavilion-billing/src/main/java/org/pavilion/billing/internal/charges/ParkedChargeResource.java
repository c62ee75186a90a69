package org.pavilion.billing.internal.charges;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/parked-charges: charges that could not be posted, posted with a correction or discarded. */
@Component(service = ParkedChargeResource.class, property = Endpoints.REST_BASE + "=" + ParkedChargeResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ParkedChargeResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/parked-charges";

    private final ChargeService charges;
    private final ChargeQueries queries;

    @Activate
    public ParkedChargeResource(@Reference ChargeService charges, @Reference ChargeQueries queries) {
        this.charges = charges;
        this.queries = queries;
    }

    @GET
    @RequiresPrivilege(ChargeResource.VIEW)
    public Page<ParkedCharge> list(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return queries.parked(status, page, size);
    }

    @POST
    @Path("{id}/post")
    @RequiresPrivilege(ChargeResource.POST)
    public Response post(@PathParam("id") String id, ChargeBodies.PostParked body) {
        return Response.status(201).entity(charges.postParked(id, body)).build();
    }

    @POST
    @Path("{id}/discard")
    @RequiresPrivilege(ChargeResource.POST)
    public ParkedCharge discard(@PathParam("id") String id, ChargeBodies.Reason body) {
        return charges.discard(id, body);
    }
}
