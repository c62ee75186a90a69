package org.pavilion.pharmacy.internal.catalogue;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/pharmacy/items: the item catalogue, read by whoever prescribes or bills, edited by pharmacists. */
@Component(service = ItemResource.class, property = Endpoints.REST_BASE + "=/pharmacy/items")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ItemResource {

    static final String VIEW = "pharmacy.catalogue.view";
    static final String EDIT = "pharmacy.catalogue.edit";

    private final ItemService items;

    @Activate
    public ItemResource(@Reference ItemService items) {
        this.items = items;
    }

    /** {@code q}: part of the code, name or generic name, or the start of an ATC code. */
    @GET
    @RequiresPrivilege(VIEW)
    public Page<ItemDto> list(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("active") String active, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return items.list(q, kind, ItemService.flag(active), page, size);
    }

    @GET
    @Path("{code}")
    @RequiresPrivilege(VIEW)
    public ItemDto get(@PathParam("code") String code) {
        return items.get(code);
    }

    /** Creates the item, or replaces it with its packs (the body's {@code version} must be the stored one). */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(EDIT)
    public ItemDto put(@PathParam("code") String code, ItemDto in) {
        return items.put(code, in);
    }

    /** Deactivates: stock and history stay. */
    @DELETE
    @Path("{code}")
    @RequiresPrivilege(EDIT)
    public ItemDto deactivate(@PathParam("code") String code) {
        return items.deactivate(code);
    }
}
