package org.pavilion.example.subscriber.internal;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;
import org.pavilion.example.api.VisitorCheckedIn;

/**
 * The subscriber route. It is registered as a RoutesBuilder service, so the platform's Camel context runs
 * it while this bundle is active; the reference to the event component keeps it away until the bus is up.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class WardBoardRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "example-ward-board";

    private final WardBoard board;

    @Activate
    public WardBoardRoutes(@Reference WardBoard board,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this.board = board;
    }

    @Override
    public void configure() {
        from(Events.SCHEME + ":" + SUBSCRIBER + "?types=" + VisitorCheckedIn.TYPE)
                .routeId(SUBSCRIBER)
                .process(exchange -> board.record(exchange.getIn().getHeader(Events.HEADER_ID, String.class),
                        exchange.getIn().getBody(String.class)));
    }
}
