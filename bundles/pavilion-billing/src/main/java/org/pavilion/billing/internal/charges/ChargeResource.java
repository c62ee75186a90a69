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

/** REST at /api/v1/billing/charges: a patient's or an encounter's charges, manual charges, cancelling. */
@Component(service = ChargeResource.class, property = Endpoints.REST_BASE + "=" + ChargeResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChargeResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/charges";
    static final String VIEW = "billing.charges.view";
    static final String POST = "billing.charges.post";

    private final ChargeService charges;
    private final ChargeQueries queries;

    @Activate
    public ChargeResource(@Reference ChargeService charges, @Reference ChargeQueries queries) {
        this.charges = charges;
        this.queries = queries;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public Page<Charge> list(@QueryParam("patientId") String patientId, @QueryParam("encounterId") String encounterId,
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return queries.charges(patientId, encounterId, status, from, to, page, size);
    }

    @POST
    @RequiresPrivilege(POST)
    public Response post(ChargeBodies.NewCharge body) {
        return Response.status(201).entity(charges.post(body)).build();
    }

    @POST
    @Path("{id}/cancel")
    @RequiresPrivilege(POST)
    public Charge cancel(@PathParam("id") String id, ChargeBodies.Reason body) {
        return charges.cancel(id, body);
    }
}
