package org.pavilion.camel.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Completed and failed exchanges per route, without JMX. */
public final class RouteStatistics extends EventNotifierSupport {

    private final Map<String, LongAdder> completed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

    public RouteStatistics() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreCamelContextInitEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeEvent) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = exchange.getFromRouteId();
            if (route == null) {
                return;
            }
            if (event instanceof CamelEvent.ExchangeFailedEvent) {
                failed.computeIfAbsent(route, k -> new LongAdder()).increment();
            } else if (event instanceof CamelEvent.ExchangeCompletedEvent) {
                completed.computeIfAbsent(route, k -> new LongAdder()).increment();
            }
        }
    }

    public long total(String routeId) {
        return count(completed, routeId) + failed(routeId);
    }

    public long failed(String routeId) {
        return count(failed, routeId);
    }

    private static long count(Map<String, LongAdder> map, String id) {
        LongAdder a = map.get(id);
        return a == null ? 0 : a.sum();
    }
}
