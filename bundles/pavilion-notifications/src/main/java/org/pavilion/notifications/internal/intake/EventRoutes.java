package org.pavilion.notifications.internal.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;
import org.pavilion.notifications.internal.reminders.Reminders;

/**
 * The department's durable subscription {@code notifications} to the events it has rules for. Appointment events
 * first move the appointment's reminders, then go to the intake like every other event; both are idempotent, and an
 * exception leaves the event to the bus's retry.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class EventRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "notifications";
    static final String TYPES = "AppointmentBooked,AppointmentRescheduled,AppointmentCancelled,SlotOffered,"
            + "LabResultReleased,CriticalLabResult,InvoiceIssued,StockAlertRaised,ConsultationStarted";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Intake intake;
    private final Reminders reminders;

    @Activate
    public EventRoutes(@Reference Intake intake, @Reference Reminders reminders,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this(intake, reminders);
    }

    public EventRoutes(Intake intake, Reminders reminders) {
        this.intake = intake;
        this.reminders = reminders;
    }

    @Override
    public void configure() {
        from(Events.SCHEME + ":" + SUBSCRIBER + "?types=" + TYPES)
                .routeId(SUBSCRIBER)
                .process(this::onEvent);
    }

    private void onEvent(Exchange exchange) throws Exception {
        onEvent(exchange.getIn().getHeader(Events.HEADER_ID, String.class),
                exchange.getIn().getHeader(Events.HEADER_TYPE, String.class), exchange.getIn().getBody(String.class));
    }

    /** One delivery: the reminders, then the messages. @return the messages queued now */
    public int onEvent(String eventId, String eventType, String json) throws Exception {
        JsonNode event = JSON.readTree(json);
        if (Json.redacted(event)) {
            return 0;
        }
        if (Reminders.isAppointmentEvent(eventType)) {
            reminders.onEvent(eventType, event);
        }
        return intake.accept(eventId, eventType, event);
    }
}
