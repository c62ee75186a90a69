package org.pavilion.events.internal.osgi;

import org.apache.camel.RoutesBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.internal.RelayRoutes;

/**
 * Contributes the relay route to the platform CamelContext. No {@code @Modified}: a new poll interval
 * re-activates this component, which withdraws the route and contributes it again.
 */
@Component(service = RoutesBuilder.class, configurationPid = EventBus.PID)
public class RelayRoutesService extends RelayRoutes {

    @Activate
    public RelayRoutesService(@Reference EventBus bus, EventsConfig config) {
        super(bus.relay(), config.pollIntervalMs());
    }
}
