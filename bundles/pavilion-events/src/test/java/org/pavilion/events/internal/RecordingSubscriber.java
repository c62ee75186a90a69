package org.pavilion.events.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.Events;

/** The end of a subscriber route: records what it got, and fails on demand like a broken department. */
final class RecordingSubscriber implements Processor {

    record Received(String eventId, String type, String body, Integer attempt, Object occurredAt, String source, String subscriber,
            String caller, String subject) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();
    /** Events (by id) this subscriber fails on, and how many more times. */
    final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    /** Events handled without failing, in the order handled. */
    final List<String> handled = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) {
        received.add(new Received(
                exchange.getIn().getHeader(Events.HEADER_ID, String.class),
                exchange.getIn().getHeader(Events.HEADER_TYPE, String.class),
                exchange.getIn().getBody(String.class),
                exchange.getIn().getHeader(Events.HEADER_ATTEMPT, Integer.class),
                exchange.getIn().getHeader(Events.HEADER_OCCURRED_AT),
                exchange.getIn().getHeader(Events.HEADER_SOURCE, String.class),
                exchange.getIn().getHeader(Events.HEADER_SUBSCRIBER, String.class),
                CallerContext.current().map(Caller::username).orElse(null),
                exchange.getIn().getHeader(Events.HEADER_SUBJECT, String.class)));
        String id = exchange.getIn().getHeader(Events.HEADER_ID, String.class);
        if (failing.get() || failuresLeft.computeIfPresent(id, (k, n) -> n - 1) != null
                && failuresLeft.get(id) >= 0) {
            throw new IllegalStateException("subscriber database is down");
        }
        handled.add(id);
    }

    List<String> ids() {
        return received.stream().map(Received::eventId).toList();
    }
}
