package org.pavilion.core.internal.rest.resources;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.module.HealthService;
import org.pavilion.core.internal.module.ModuleRegistry;
import org.pavilion.core.internal.module.ModuleView;

/** Module registry and health. */
public final class PlatformResources {

    private PlatformResources() {
    }

    /** GET /api/v1/platform/modules: any signed-in user may see which departments run. */
    @Component(service = Modules.class, property = Endpoints.REST_BASE + "=/platform/modules")
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPrivilege("platform.module.view")
    public static class Modules {
        private final ModuleRegistry registry;

        @Activate
        public Modules(@Reference ModuleRegistry registry) {
            this.registry = registry;
        }

        @GET
        public List<ModuleView> list() {
            return registry.modules();
        }
    }

    /** GET /api/v1/platform/health: open to load balancers and monitors; 503 when the database is down. */
    @Component(service = Health.class, property = Endpoints.REST_BASE + "=/platform/health")
    @PublicEndpoint
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Health {
        private final HealthService health;

        @Activate
        public Health(@Reference HealthService health) {
            this.health = health;
        }

        @GET
        public Response get() {
            HealthService.Report report = health.check();
            return Response.status("UP".equals(report.status) ? 200 : 503).entity(report).build();
        }
    }
}
