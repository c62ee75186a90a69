package org.pavilion.hl7.internal.route;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.pavilion.hl7.internal.Hl7Text;

/**
 * {@code pavilion-hl7:inbound[?type=ADT^A04,ORU]}: the messages the hub accepted (AA), after commit, read from the
 * store after the route's cursor. A type is a message type (ADT) or type and trigger event (ADT^A04); none means every message.
 */
public class InboundEndpoint extends DefaultEndpoint {

    private final Set<String> types;

    InboundEndpoint(String uri, Hl7Component component, Set<String> types) {
        super(uri, component);
        this.types = types;
    }

    static Set<String> parseTypes(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String t : value.split(",")) {
            String type = t.strip().toUpperCase(Locale.ROOT);
            if (!type.matches("[A-Z0-9]{3}(\\^[A-Z0-9]{3})?")) {
                throw new IllegalArgumentException("type '" + t.strip()
                        + "' is not a message type (ADT) or type and trigger event (ADT^A04)");
            }
            out.add(type);
        }
        return Set.copyOf(out);
    }

    boolean wants(Hl7Text.Header h) {
        return types.isEmpty() || types.contains(h.messageType().toUpperCase(Locale.ROOT))
                || types.contains(h.type().toUpperCase(Locale.ROOT));
    }

    @Override
    public Hl7Component getComponent() {
        return (Hl7Component) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " is consumed only; hand messages to the hub "
                + "with pavilion-hl7:process");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        InboundConsumer consumer = new InboundConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
