package org.pavilion.lab.internal.catalogue;

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
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/lab/tests: the test catalogue, read by everyone who orders or bills, edited by administrators. */
@Component(service = CatalogueResource.class, property = Endpoints.REST_BASE + "=/lab/tests")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    static final String VIEW = "lab.catalogue.view";
    static final String EDIT = "lab.catalogue.edit";

    private final CatalogueService service;

    @Activate
    public CatalogueResource(@Reference CatalogueService service) {
        this.service = service;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public Page<TestDto> list(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("active") String active, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return service.list(q, kind, flag(active), page, size);
    }

    /** {@code ?active=} blank means both; true or false otherwise (400 for anything else). */
    static Boolean flag(String active) {
        if (active == null || active.isBlank()) {
            return null;
        }
        return switch (active.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.validation("active must be true or false (was '" + active.strip()
                    + "')");
        };
    }

    @GET
    @Path("{code}")
    @RequiresPrivilege(VIEW)
    public TestDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    /** Creates the test or panel, or replaces it (the body's {@code version} must be the stored one). */
    @PUT
    @Path("{code}")
    @RequiresPrivilege(EDIT)
    public TestDto put(@PathParam("code") String code, TestDto in) {
        return service.put(code, in);
    }

    /** Deactivates: it can no longer be ordered; what was ordered keeps it. */
    @DELETE
    @Path("{code}")
    @RequiresPrivilege(EDIT)
    public TestDto deactivate(@PathParam("code") String code) {
        return service.deactivate(code);
    }
}
