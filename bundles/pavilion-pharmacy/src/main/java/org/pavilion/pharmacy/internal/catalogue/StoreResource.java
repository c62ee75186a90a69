package org.pavilion.pharmacy.internal.catalogue;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

/** REST at /api/v1/pharmacy/stores: the stores and each store's reorder rules. */
@Component(service = StoreResource.class, property = Endpoints.REST_BASE + "=/pharmacy/stores")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoreResource {

    private final StoreService stores;
    private final ReorderRuleService rules;

    @Activate
    public StoreResource(@Reference StoreService stores, @Reference ReorderRuleService rules) {
        this.stores = stores;
        this.rules = rules;
    }

    @GET
    @RequiresPrivilege(ItemResource.VIEW)
    public List<StoreDto> list() {
        return stores.list();
    }

    @GET
    @Path("{code}")
    @RequiresPrivilege(ItemResource.VIEW)
    public StoreDto get(@PathParam("code") String code) {
        return stores.get(code);
    }

    /** Creates the store, or replaces it (the body's {@code version} must be the stored one). */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(ItemResource.EDIT)
    public StoreDto put(@PathParam("code") String code, StoreDto in) {
        return stores.put(code, in);
    }

    @GET
    @Path("{code}/reorder-rules")
    @RequiresPrivilege(ItemResource.VIEW)
    public List<ReorderRuleDto> reorderRules(@PathParam("code") String code) {
        return rules.list(code);
    }

    @PUT
    @Path("{code}/reorder-rules/{item}")
    @RequiresPrivilege(ItemResource.EDIT)
    public ReorderRuleDto putReorderRule(@PathParam("code") String code, @PathParam("item") String item,
            ReorderRuleDto in) {
        return rules.put(code, item, in);
    }

    @DELETE
    @Path("{code}/reorder-rules/{item}")
    @RequiresPrivilege(ItemResource.EDIT)
    public ReorderRuleDto deleteReorderRule(@PathParam("code") String code, @PathParam("item") String item) {
        return rules.delete(code, item);
    }
}
