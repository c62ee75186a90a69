package org.pavilion.events.internal;

import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One subscriber: its name and the event types it wants (none means all). */
public class EventEndpoint extends DefaultEndpoint {

    private final String subscriber;
    private final Set<String> types;

    EventEndpoint(String uri, EventComponent component, String subscriber, Set<String> types) {
        super(uri, component);
        this.subscriber = subscriber;
        this.types = types;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("Events are published with EventPublisher inside the publisher's "
                + "own transaction, not by sending to " + getEndpointUri());
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EventConsumer consumer = new EventConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public EventComponent getComponent() {
        return (EventComponent) super.getComponent();
    }

    public String getSubscriber() {
        return subscriber;
    }

    public Set<String> getTypes() {
        return types;
    }
}
