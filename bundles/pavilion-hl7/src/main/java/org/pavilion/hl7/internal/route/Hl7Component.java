package org.pavilion.hl7.internal.route;

import java.nio.charset.Charset;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.pavilion.hl7.internal.Hl7Processor;
import org.pavilion.hl7.internal.MessageStore;

/**
 * The {@code pavilion-hl7:} scheme integrators' routes use: {@code inbound} (consume accepted messages) and
 * {@code process} (hand a message to the hub).
 */
public class Hl7Component extends DefaultComponent {

    public static final String SCHEME = "pavilion-hl7";
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;

    private final InboundTopic topic;
    private final Hl7Processor processor;
    private final MessageStore store;

    public Hl7Component(InboundTopic topic, Hl7Processor processor, MessageStore store) {
        this.topic = topic;
        this.processor = processor;
        this.store = store;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        switch (remaining) {
            case "inbound": {
                String types = getAndRemoveParameter(parameters, "type", String.class);
                return new InboundEndpoint(uri, this, InboundEndpoint.parseTypes(types));
            }
            case "process": {
                String charset = getAndRemoveParameter(parameters, "charset", String.class, "UTF-8");
                int max = getAndRemoveParameter(parameters, "maxMessageBytes", Integer.class, DEFAULT_MAX_MESSAGE_BYTES);
                return new ProcessEndpoint(uri, this, new Hl7Processor.Settings(Charset.forName(charset), max));
            }
            default:
                throw new IllegalArgumentException("unknown " + SCHEME + " endpoint '" + remaining
                        + "' in " + uri + "; use " + SCHEME + ":inbound or " + SCHEME + ":process");
        }
    }

    InboundTopic topic() {
        return topic;
    }

    Hl7Processor processor() {
        return processor;
    }

    /** Where inbound consumers read accepted messages and keep their cursors. */
    MessageStore store() {
        return store;
    }
}
