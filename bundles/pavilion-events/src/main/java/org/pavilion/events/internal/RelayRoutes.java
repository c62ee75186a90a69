package org.pavilion.events.internal;

import org.apache.camel.builder.RouteBuilder;

/** The relay's poll: a timer route, so it lives and dies with the platform's CamelContext. */
public class RelayRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "pavilion-events-relay";

    private final EventRelay relay;
    private final long periodMs;

    public RelayRoutes(EventRelay relay, long periodMs) {
        if (periodMs < 10) {
            throw new IllegalArgumentException("poll interval must be at least 10 ms, was " + periodMs);
        }
        this.relay = relay;
        this.periodMs = periodMs;
    }

    @Override
    public void configure() {
        // A timer never overlaps its own runs, so one relay pass runs at a time.
        from("timer:" + ROUTE_ID + "?period=" + periodMs + "&delay=" + periodMs)
                .routeId(ROUTE_ID)
                .process(exchange -> relay.tick());
    }
}
