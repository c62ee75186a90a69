package org.pavilion.events.internal.osgi;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;
import org.pavilion.events.internal.EventRelay;
import org.pavilion.events.internal.EventStore;

/**
 * The bus in the platform health: DOWN when the relay cannot reach its tables or has stopped polling
 * (no Camel context runs its route), UP with the number of dead letters otherwise. Not essential: the
 * departments keep working and events wait in the outbox.
 */
@Component(service = HealthContributor.class)
public class EventsHealth implements HealthContributor {

    /** Polls missed before the relay counts as stopped. */
    static final int MISSED_POLLS = 50;

    private final EventBus bus;
    private final long activatedMs;

    @Activate
    public EventsHealth(@Reference EventBus bus) {
        this.bus = bus;
        this.activatedMs = bus.relay().clock().millis();
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public HealthCheck check() {
        EventRelay relay = bus.relay();
        String failure = relay.failure();
        if (failure != null) {
            return HealthCheck.down("relay failing: " + failure);
        }
        long now = relay.clock().millis();
        long since = Math.max(relay.lastTickMs(), activatedMs);
        long allowed = Math.max(bus.pollIntervalMs() * MISSED_POLLS, 30_000);
        if (now - since > allowed) {
            return HealthCheck.down("relay has not polled for " + (now - since) + " ms; is pavilion-camel running?");
        }
        EventStore store = bus.store();
        return HealthCheck.up(store.countParked() + " dead letters");
    }
}
