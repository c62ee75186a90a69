package org.pavilion.pharmacy.internal.purchasing;

import javax.ws.rs.Consumes;
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
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Supplier;

/** REST at /api/v1/pharmacy/suppliers: who the pharmacy buys from. */
@Component(service = SupplierResource.class, property = Endpoints.REST_BASE + "=/pharmacy/suppliers")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupplierResource {

    static final String MANAGE = "pharmacy.purchasing.manage";

    private final Suppliers suppliers;

    @Activate
    public SupplierResource(@Reference Suppliers suppliers) {
        this.suppliers = suppliers;
    }

    @GET
    @RequiresPrivilege(MANAGE)
    public Page<Supplier> list(@QueryParam("active") String active, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return suppliers.list(flag(active), page, size);
    }

    @POST
    @RequiresPrivilege(MANAGE)
    public Response create(Supplier in) {
        Supplier s = suppliers.create(in);
        return Response.status(201).header("Location", "/api/v1/pharmacy/suppliers/" + s.id).entity(s).build();
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public Supplier get(@PathParam("id") String id) {
        return suppliers.get(id);
    }

    @PUT
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public Supplier replace(@PathParam("id") String id, Supplier in) {
        return suppliers.replace(id, in);
    }

    /** {@code ?active=} blank: both; true or false otherwise (400 for anything else). */
    private static Boolean flag(String active) {
        if (active == null || active.isBlank()) {
            return null;
        }
        return switch (active.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.validation("active must be true or false (was '" + active.strip() + "')");
        };
    }
}
