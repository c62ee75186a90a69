package org.pavilion.pharmacy.internal.forecast;

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
import org.pavilion.core.api.security.RequiresPrivilege;

/** {@code /api/v1/pharmacy/forecasts}: an item's consumption forecast in a store (docs/pharmacy-api.md). */
@Component(service = ForecastResource.class, property = Endpoints.REST_BASE + "=/pharmacy/forecasts")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ForecastResource {

    static final String PRIVILEGE = "pharmacy.forecast.view";

    private final Forecasts forecasts;

    @Activate
    public ForecastResource(@Reference Forecasts forecasts) {
        this.forecasts = forecasts;
    }

    @GET
    @Path("{store}/{item}")
    @RequiresPrivilege(PRIVILEGE)
    public Forecast get(@PathParam("store") String store, @PathParam("item") String item,
            @QueryParam("days") @DefaultValue("28") int days) {
        return forecasts.forecast(store, item, days);
    }
}
