package org.pavilion.pharmacy.internal.hl7;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;
import org.pavilion.pharmacy.api.MedicationDispensed;

/**
 * The subscriber that hands dispenses to the HL7 feeds: each MedicationDispensed goes to
 * {@link DispenseHandOver} (idempotent per dispense, so the bus's redeliveries send nothing twice); an exception
 * leaves the event for the bus to retry.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class DispenseFeedRoute extends RouteBuilder {

    static final String SUBSCRIBER = "pharmacy-rds-feed";
    static final String EVENTS_URI = Events.SCHEME + ":" + SUBSCRIBER + "?types=" + MedicationDispensed.TYPE;

    private final DispenseHandOver handOver;

    /** {@code eventComponent} is only waited for: the route starts once the bus's component is there. */
    @Activate
    public DispenseFeedRoute(@Reference DispenseHandOver handOver,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this.handOver = handOver;
    }

    @Override
    public void configure() {
        from(EVENTS_URI)
                .routeId(SUBSCRIBER)
                .process(exchange -> handOver.onDispensed(exchange.getIn().getBody(String.class)));
    }
}
