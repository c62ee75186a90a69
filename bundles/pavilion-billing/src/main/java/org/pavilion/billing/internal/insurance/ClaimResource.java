package org.pavilion.billing.internal.insurance;

import javax.validation.constraints.NotBlank;
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

/** REST at /api/v1/billing/claims: claims for invoices' insurance shares and their adjudication. */
@Component(service = ClaimResource.class, property = Endpoints.REST_BASE + "=/billing/claims")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    /** Submit claims and follow their adjudication. */
    public static final String MANAGE = "billing.claims.manage";

    /** The body of POST /claims (declared rules; an unknown invoice is a 404, one not claimable a 409 or 422). */
    public static class NewClaim {
        @NotBlank
        public String invoiceId;
    }

    private final ClaimService claims;

    @Activate
    public ClaimResource(@Reference ClaimService claims) {
        this.claims = claims;
    }

    @GET
    @RequiresPrivilege(MANAGE)
    public Page<ClaimDto> list(@QueryParam("status") String status, @QueryParam("insurerCode") String insurerCode,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return claims.list(status, insurerCode, from, to, page, size);
    }

    /** Sends the invoice's insurance share to its insurer; answered at once, or later through refresh. */
    @POST
    @RequiresPrivilege(MANAGE)
    public Response submit(NewClaim in) {
        return Response.status(Response.Status.CREATED).entity(claims.submit(in)).build();
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public ClaimDto get(@PathParam("id") String id) {
        return claims.get(id);
    }

    @POST
    @Path("{id}/refresh")
    @RequiresPrivilege(MANAGE)
    public ClaimDto refresh(@PathParam("id") String id) {
        return claims.refresh(id);
    }
}
