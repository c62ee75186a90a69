package org.pavilion.events.internal.osgi;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.events.internal.EventRelay;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.OutboxPublisher;
import org.pavilion.events.internal.RelaySettings;
import org.pavilion.events.internal.SubscriberRegistry;

/**
 * The database side of the bus: holds the store and the relay over the event tables (the bundle's declared change
 * log has made them before any component of the bundle starts).
 */
@Component(service = EventBus.class, configurationPid = EventBus.PID)
@Designate(ocd = EventsConfig.class)
public class EventBus {

    public static final String PID = "org.pavilion.events";

    private final EventStore store;
    private final EventRelay relay;
    private volatile long pollIntervalMs;
    private final ObjectMapper mapper = OutboxPublisher.payloadMapper();

    @Activate
    public EventBus(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            @Reference SubscriberRegistry subscribers, EventsConfig config) {
        this.store = new EventStore(dataSource);
        this.relay = new EventRelay(store, subscribers, settings(config), Clock.systemUTC());
        this.pollIntervalMs = config.pollIntervalMs();
    }

    @Modified
    void modified(EventsConfig config) {
        relay.configure(settings(config));
        pollIntervalMs = config.pollIntervalMs();
    }

    static RelaySettings settings(EventsConfig c) {
        return new RelaySettings(new Backoff(c.backoffBaseMs(), c.backoffMaxMs()), c.maxAttempts(), c.batchSize(),
                Duration.ofHours(c.subscriptionRetentionHours()).toMillis(),
                Duration.ofHours(c.deliveredRetentionHours()).toMillis());
    }

    public EventStore store() {
        return store;
    }

    public EventRelay relay() {
        return relay;
    }

    public long pollIntervalMs() {
        return pollIntervalMs;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
