package org.pavilion.web.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.PublicEndpoint;

/**
 * GET /api/v1/ui/manifest: the pages and cards the caller may see. Public because the sign-in page asks it before
 * anyone signs in (it then lists no pages); a signed-in caller's cookie or token is still checked by the platform.
 */
@Component(service = ManifestResource.class, property = Endpoints.REST_BASE + "=/ui")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ManifestResource {

    private final UiContributions contributions;

    @Activate
    public ManifestResource(@Reference UiContributions contributions) {
        this.contributions = contributions;
    }

    @GET
    @Path("manifest")
    @PublicEndpoint
    public UiManifest manifest() {
        return UiManifest.build(contributions.all(), CallerContext.current().orElse(null));
    }
}
