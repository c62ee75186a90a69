package org.pavilion.telemedicine.internal;

import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;

/**
 * The department's durable subscription {@code telemedicine} to scheduling's appointment events: a video booking gets
 * a room, a move or cancellation updates it. Idempotent per event id; an exception leaves the event to the bus's retry.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class AppointmentEventRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "telemedicine";
    static final String TYPES = "AppointmentBooked,AppointmentRescheduled,AppointmentCancelled,AppointmentNoShow";

    private final ConsultationService consultations;

    @Activate
    public AppointmentEventRoutes(@Reference ConsultationService consultations,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this.consultations = consultations;
    }

    @Override
    public void configure() {
        from(Events.SCHEME + ":" + SUBSCRIBER + "?types=" + TYPES)
                .routeId(SUBSCRIBER)
                .process(this::onEvent);
    }

    private void onEvent(Exchange exchange) throws Exception {
        consultations.onAppointmentEvent(exchange.getIn().getHeader(Events.HEADER_ID, String.class),
                exchange.getIn().getHeader(Events.HEADER_TYPE, String.class), exchange.getIn().getBody(String.class));
    }
}
