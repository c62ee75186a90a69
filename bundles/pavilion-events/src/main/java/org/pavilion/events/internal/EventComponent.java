package org.pavilion.events.internal;

import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code pavilion-event:<subscriber>?types=A,B} scheme. Consumer only: publishing goes through
 * {@link org.pavilion.events.api.EventPublisher} inside the publisher's transaction.
 */
public class EventComponent extends DefaultComponent {

    private final SubscriberRegistry registry;

    public EventComponent(SubscriberRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String subscriber = Subscription.requireName(remaining, "subscriber name in " + uri);
        Set<String> types = Subscription.parseTypes(getAndRemoveParameter(parameters, "types", String.class));
        types.forEach(t -> Subscription.requireName(t, "event type in " + uri));
        return new EventEndpoint(uri, this, subscriber, types);
    }

    SubscriberRegistry registry() {
        return registry;
    }
}
