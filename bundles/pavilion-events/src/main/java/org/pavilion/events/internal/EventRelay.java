package org.pavilion.events.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to subscribers. Each {@link #tick()} stores which subscribers are alive,
 * fans committed outbox rows out into one delivery per matching subscription, then runs due deliveries
 * through their subscriber routes: success marks them delivered, failure schedules a retry with
 * exponential back-off, the last allowed failure parks them as dead letters. All state is in the
 * database, so a new relay (after a restart) carries on where the last one stopped.
 */
public class EventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    /** How often a running subscriber's last-seen time is refreshed. */
    static final long HEARTBEAT_MS = 60_000;
    /** How often abandoned deliveries are parked and old delivered events purged. */
    static final long HOUSEKEEPING_MS = 10 * 60_000;

    private final EventStore store;
    private final SubscriberRegistry registry;
    private final Clock clock;
    private volatile RelaySettings settings;

    // Touched only under the tick lock.
    private final Map<String, Subscription> saved = new HashMap<>();
    private final Map<String, Long> savedAt = new HashMap<>();
    private long lastHousekeeping;
    private volatile boolean failing;
    private volatile String lastFailure;
    private volatile long lastTickMs;

    public EventRelay(EventStore store, SubscriberRegistry registry, RelaySettings settings, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.lastHousekeeping = clock.millis();
    }

    public void configure(RelaySettings newSettings) {
        this.settings = newSettings;
    }

    public RelaySettings settings() {
        return settings;
    }

    /** One relay pass; a database outage is logged once and retried on the next tick. */
    public void tick() {
        try {
            runOnce();
            if (failing) {
                LOG.info("Event relay recovered");
                failing = false;
            }
        } catch (EventStoreException e) {
            if (!failing) {
                LOG.warn("Event relay cannot reach its tables, retrying every tick: {}", e.getMessage(), e);
            }
            lastFailure = e.getMessage();
            failing = true;
        } finally {
            lastTickMs = clock.millis();
        }
    }

    /** The failure of the last tick, or null when it went through. */
    public String failure() {
        return failing ? lastFailure : null;
    }

    /** When the relay last ran a tick (0: never since it was created). */
    public long lastTickMs() {
        return lastTickMs;
    }

    public Clock clock() {
        return clock;
    }

    /** @return the number of deliveries attempted */
    synchronized int runOnce() {
        RelaySettings s = settings;
        long now = clock.millis();
        Map<String, EventConsumer> running = registry.running();
        saveSubscriptions(running, now);
        store.fanOut(now - s.subscriptionRetentionMs(), s.batchSize(), now);
        int attempted = deliverDue(running, s, now);
        if (now - lastHousekeeping >= HOUSEKEEPING_MS) {
            housekeeping(s, now);
            lastHousekeeping = now;
        }
        return attempted;
    }

    private void saveSubscriptions(Map<String, EventConsumer> running, long now) {
        List<Subscription> stale = new ArrayList<>();
        for (EventConsumer consumer : running.values()) {
            Subscription current = consumer.subscription();
            Long at = savedAt.get(current.subscriber());
            if (!current.equals(saved.get(current.subscriber())) || at == null || now - at >= HEARTBEAT_MS) {
                stale.add(current);
            }
        }
        if (!stale.isEmpty()) {
            store.saveSubscriptions(stale, now);
            for (Subscription s : stale) {
                saved.put(s.subscriber(), s);
                savedAt.put(s.subscriber(), now);
            }
        }
    }

    private int deliverDue(Map<String, EventConsumer> running, RelaySettings s, long now) {
        List<PendingDelivery> due = store.due(running.keySet(), now, s.batchSize());
        // (subscriber, subject key) pairs whose earlier event failed in this tick: their later events wait with it.
        Set<List<String>> heldBack = new HashSet<>();
        int attempted = 0;
        for (PendingDelivery delivery : due) {
            EventConsumer consumer = running.get(delivery.subscriber());
            if (!consumer.isStarted()) {
                continue; // its route is starting, suspended or stopping: the delivery waits for it
            }
            List<String> subject = delivery.subjectKey() == null ? null : List.of(delivery.subscriber(), delivery.subjectKey());
            if (subject != null && heldBack.contains(subject)) {
                continue;
            }
            attempted++;
            Exception failure = consumer.deliver(delivery);
            int attempts = delivery.attempts() + 1;
            long after = clock.millis();
            if (failure == null) {
                store.markDelivered(delivery.id(), attempts, after);
                continue;
            }
            if (subject != null) {
                heldBack.add(subject);
            }
            if (attempts >= s.maxAttempts()) {
                store.markParked(delivery.id(), attempts, describe(failure), after);
                LOG.warn("Parked event {} ({}) for subscriber {} after {} attempts: {}", delivery.eventId(),
                        delivery.eventType(), delivery.subscriber(), attempts, describe(failure));
                if (subject != null) {
                    LOG.warn("Later events of {} for subscriber {} are held until dead letter {} is replayed or discarded",
                            delivery.subjectKey(), delivery.subscriber(), delivery.id());
                }
            } else {
                long delay = s.backoff().delayMs(attempts);
                store.markRetry(delivery.id(), attempts, after + delay, describe(failure), after);
                // WARN: an operator (and a failing test's log) must see why a subscriber is behind.
                LOG.warn("Subscriber {} failed event {} ({}), attempt {}, retrying in {} ms: {}", delivery.subscriber(),
                        delivery.eventId(), delivery.eventType(), attempts, delay, describe(failure));
            }
        }
        return attempted;
    }

    private void housekeeping(RelaySettings s, long now) {
        int parked = store.parkAbandoned(now - s.subscriptionRetentionMs(), now);
        if (parked > 0) {
            LOG.warn("Parked {} deliveries of subscribers not seen for {} ms", parked, s.subscriptionRetentionMs());
        }
        int purged = store.purge(now - s.deliveredRetentionMs());
        LOG.debug("Purged {} delivered event rows", purged);
    }

    private static String describe(Exception e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }
}
