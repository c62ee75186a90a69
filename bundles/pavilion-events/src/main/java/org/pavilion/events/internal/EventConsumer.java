package org.pavilion.events.internal;

import java.time.Instant;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.Events;

/**
 * A subscriber route's consumer. It is registered with the relay while it runs; the relay hands it due
 * deliveries one at a time on the relay's thread, bound to the subscriber's own caller ({@link #subscriber}).
 */
public class EventConsumer extends DefaultConsumer {

    private volatile long registeredAt;

    EventConsumer(EventEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public EventEndpoint getEndpoint() {
        return (EventEndpoint) super.getEndpoint();
    }

    String subscriber() {
        return getEndpoint().getSubscriber();
    }

    /** The subscription this consumer stands for; first seen when its route started. */
    Subscription subscription() {
        return new Subscription(subscriber(), getEndpoint().getTypes(), registeredAt);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        registeredAt = System.currentTimeMillis();
        getEndpoint().getComponent().registry().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().registry().unregister(this);
        super.doStop();
    }

    /**
     * Runs the subscriber route for one delivery.
     *
     * @return null when the route completed, else the failure (an exception, or a rollback)
     */
    Exception deliver(PendingDelivery delivery) {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(delivery.payload());
            in.setHeader(Events.HEADER_ID, delivery.eventId());
            in.setHeader(Events.HEADER_TYPE, delivery.eventType());
            in.setHeader(Events.HEADER_OCCURRED_AT, Instant.ofEpochMilli(delivery.occurredMs()));
            in.setHeader(Events.HEADER_SOURCE, delivery.source());
            in.setHeader(Events.HEADER_SUBSCRIBER, delivery.subscriber());
            in.setHeader(Events.HEADER_ATTEMPT, delivery.attempts() + 1);
            if (delivery.subjectKey() != null) {
                in.setHeader(Events.HEADER_SUBJECT, delivery.subjectKey());
            }
            CallerContext.runAs(subscriber(delivery.subscriber()), () -> {
                getProcessor().process(exchange);
                return null;
            });
            if (exchange.getException() != null) {
                return exchange.getException();
            }
            if (exchange.isRollbackOnly() || exchange.isRollbackOnlyLast()) {
                return new IllegalStateException("Subscriber route marked the exchange rollback-only");
            }
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * Who a subscriber route acts as while it handles an event: a named system actor with no roles, so the audit
     * trail shows {@code events:<subscriber>} rather than an anonymous "system", and nothing is granted.
     */
    static Caller subscriber(String subscriber) {
        return Caller.inContainer("events:" + subscriber, Set.of(), "local");
    }
}
