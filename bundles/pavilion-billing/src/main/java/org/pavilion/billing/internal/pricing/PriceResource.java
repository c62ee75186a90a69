package org.pavilion.billing.internal.pricing;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/prices: the price list, read by billing and reception, edited by finance (admin). */
@Component(service = PriceResource.class, property = Endpoints.REST_BASE + "=" + PriceResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PriceResource {

    static final String BASE = "/billing/prices";
    static final String VIEW = "billing.prices.view";
    static final String EDIT = "billing.prices.edit";

    private final PriceListService prices;

    @Activate
    public PriceResource(@Reference PriceListService prices) {
        this.prices = prices;
    }

    /** {@code q}: part of the code or name; {@code on}: valid that day; {@code active}: true or false. */
    @GET
    @RequiresPrivilege(VIEW)
    public Page<PriceDto> list(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("on") String on, @QueryParam("active") String active,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return prices.list(q, category, on, active, page, size);
    }

    /** What a tariff code costs on a day (today without {@code on}); 404 when it has no price then. */
    @GET
    @Path("quote")
    @RequiresPrivilege(VIEW)
    public QuoteDto quote(@QueryParam("code") String code, @QueryParam("on") String on) {
        return prices.quote(code, on);
    }

    @POST
    @RequiresPrivilege(EDIT)
    public Response create(PriceDto in) {
        PriceDto created = prices.create(in);
        return Response.status(201).header("Location", "/api/v1" + BASE + "/" + created.id).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(VIEW)
    public PriceDto get(@PathParam("id") String id) {
        return prices.get(id);
    }

    /** Replaces the price (its {@code version} must be the stored one), e.g. to end it with a {@code validTo}. */
    @PUT
    @Path("{id}")
    @RequiresPrivilege(EDIT)
    public PriceDto replace(@PathParam("id") String id, PriceDto in) {
        return prices.replace(id, in);
    }

    /** Deactivates: charges no longer find it, its history stays. */
    @DELETE
    @Path("{id}")
    @RequiresPrivilege(EDIT)
    public PriceDto deactivate(@PathParam("id") String id) {
        return prices.deactivate(id);
    }
}
