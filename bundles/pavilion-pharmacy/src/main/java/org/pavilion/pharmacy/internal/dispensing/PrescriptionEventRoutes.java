package org.pavilion.pharmacy.internal.dispensing;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;
import org.pavilion.events.api.Events;

/**
 * The queue's durable subscription to the EMR's prescriptions, in the platform's Camel context: issued ones are
 * queued, stopped ones stopped ({@link PrescriptionEvents}; redeliveries change nothing).
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class PrescriptionEventRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "pharmacy-prescriptions";
    static final String EVENTS_URI = Events.SCHEME + ":" + SUBSCRIBER + "?types=" + PrescriptionIssued.TYPE + ","
            + PrescriptionStopped.TYPE;

    private final PrescriptionEvents events;

    @Activate
    public PrescriptionEventRoutes(@Reference PrescriptionIntakeService intake,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this(new PrescriptionEvents(intake, System::currentTimeMillis));
    }

    PrescriptionEventRoutes(PrescriptionEvents events) {
        this.events = events;
    }

    @Override
    public void configure() {
        from(EVENTS_URI)
                .routeId(SUBSCRIBER)
                .process(exchange -> events.onEvent(exchange.getIn().getHeader(Events.HEADER_TYPE, String.class),
                        exchange.getIn().getBody(String.class)));
    }
}
