package org.pavilion.camel.internal;

import org.apache.camel.ServiceStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;

/** The Camel context in /api/v1/platform/health. Essential: without it no event or feed moves. */
@Component(service = HealthContributor.class)
public class CamelHealth implements HealthContributor {

    private final CamelRuntime runtime;

    @Activate
    public CamelHealth(@Reference CamelRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public HealthCheck check() {
        ServiceStatus status = runtime.camel().getStatus();
        String detail = status + ", " + runtime.camel().getRoutes().size() + " routes";
        return status.isStarted() ? HealthCheck.up(detail) : HealthCheck.down(detail);
    }
}
