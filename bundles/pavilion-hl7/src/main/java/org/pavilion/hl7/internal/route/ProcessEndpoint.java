package org.pavilion.hl7.internal.route;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.pavilion.hl7.internal.Hl7Processor;

/**
 * {@code pavilion-hl7:process[?charset=UTF-8][&maxMessageBytes=1048576]}: a route hands the hub a message as if
 * it had arrived on a listener named after the route; the reply body is the hub's ACK.
 */
public class ProcessEndpoint extends DefaultEndpoint {

    private final Hl7Processor.Settings settings;

    ProcessEndpoint(String uri, Hl7Component component, Hl7Processor.Settings settings) {
        super(uri, component);
        this.settings = settings;
    }

    Hl7Processor.Settings settings() {
        return settings;
    }

    @Override
    public Hl7Component getComponent() {
        return (Hl7Component) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ProcessProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is a producer; consume accepted messages from "
                + "pavilion-hl7:inbound");
    }
}
