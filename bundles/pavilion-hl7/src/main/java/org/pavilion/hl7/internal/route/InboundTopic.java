package org.pavilion.hl7.internal.route;

import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.hl7.internal.AcceptedMessage;

/**
 * Where the hub publishes accepted messages: every running {@code pavilion-hl7:inbound} consumer whose types
 * match gets its own copy. With no consumer, publishing does nothing. Publishing only enqueues, so a slow or
 * failing route never delays an ACK.
 */
public class InboundTopic {

    private final CopyOnWriteArrayList<InboundConsumer> consumers = new CopyOnWriteArrayList<>();

    public void publish(AcceptedMessage message) {
        for (InboundConsumer c : consumers) {
            if (c.getEndpoint().wants(message.header())) {
                c.enqueue(message);
            }
        }
    }

    void subscribe(InboundConsumer consumer) {
        consumers.add(consumer);
    }

    void unsubscribe(InboundConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Consumers running now (for tests and the shell). */
    public int subscribers() {
        return consumers.size();
    }
}
