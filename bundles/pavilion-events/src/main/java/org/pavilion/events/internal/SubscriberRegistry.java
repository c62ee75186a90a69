package org.pavilion.events.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

/**
 * The subscriber consumers that are running now, by subscriber name; one route per name. A service of its
 * own with no dependencies, so running routes stay registered while the database side is re-activated.
 */
@Component(service = SubscriberRegistry.class, immediate = true)
public class SubscriberRegistry {

    private final ConcurrentHashMap<String, EventConsumer> running = new ConcurrentHashMap<>();

    void register(EventConsumer consumer) {
        EventConsumer previous = running.putIfAbsent(consumer.subscriber(), consumer);
        if (previous != null && previous != consumer) {
            // Two routes sharing a name would split one subscriber's deliveries between them.
            throw new IllegalStateException("Subscriber " + consumer.subscriber() + " is already consumed by "
                    + previous.getEndpoint().getEndpointUri());
        }
    }

    void unregister(EventConsumer consumer) {
        running.remove(consumer.subscriber(), consumer);
    }

    public Map<String, EventConsumer> running() {
        return Map.copyOf(running);
    }
}
