package org.pavilion.billing.internal.pricing;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/tax-categories: the tax categories prices name and their rates. */
@Component(service = TaxCategoryResource.class, property = Endpoints.REST_BASE + "=" + TaxCategoryResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaxCategoryResource {

    static final String BASE = "/billing/tax-categories";

    private final PriceListService prices;

    @Activate
    public TaxCategoryResource(@Reference PriceListService prices) {
        this.prices = prices;
    }

    @GET
    @RequiresPrivilege(PriceResource.VIEW)
    public List<TaxCategoryDto> list() {
        return prices.taxCategories();
    }

    /**
     * Creates the category, or replaces it ({@code version} must be the stored one). A new rate applies to every
     * price of the category from the next charge on; charges and invoices keep the rate they were made with.
     */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(PriceResource.EDIT)
    public TaxCategoryDto put(@PathParam("code") String code, TaxCategoryDto in) {
        return prices.putTaxCategory(code, in);
    }
}
