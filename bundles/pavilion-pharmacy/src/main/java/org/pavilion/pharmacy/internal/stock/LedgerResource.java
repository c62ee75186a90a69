package org.pavilion.pharmacy.internal.stock;

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

/** REST at /api/v1/pharmacy/ledger: every stock movement, newest first. */
@Component(service = LedgerResource.class, property = Endpoints.REST_BASE + "=/pharmacy/ledger")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final LedgerQuery ledger;

    @Activate
    public LedgerResource(@Reference LedgerQuery ledger) {
        this.ledger = ledger;
    }

    @GET
    @RequiresPrivilege(StockLevels.VIEW)
    public Page<StockViews.Movement> list(@QueryParam("store") String store, @QueryParam("item") String item,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("kind") String kind,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return ledger.list(store, item, from, to, kind, page, size);
    }
}
