package org.pavilion.pharmacy.internal.alerts;

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

/** {@code /api/v1/pharmacy/alerts?kind=&store=&open=}: reorder and expiry alerts, newest first. */
@Component(service = AlertResource.class, property = Endpoints.REST_BASE + "=/pharmacy/alerts")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertList alerts;

    @Activate
    public AlertResource(@Reference AlertList alerts) {
        this.alerts = alerts;
    }

    /** {@code open} absent: open and resolved alike. */
    @GET
    @RequiresPrivilege(AlertList.PRIVILEGE)
    public Page<Alert> list(@QueryParam("kind") String kind, @QueryParam("store") String store,
            @QueryParam("open") Boolean open, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return alerts.list(kind, store, open, page, size);
    }
}
