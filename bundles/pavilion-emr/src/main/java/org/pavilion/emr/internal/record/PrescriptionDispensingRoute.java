package org.pavilion.emr.internal.record;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;

/**
 * Subscribes the record to the pharmacy's MedicationDispensed events (by type name; nothing arrives while no
 * pharmacy is installed). A delivery that throws (the database) is redelivered by the bus; the dispense id keeps
 * a redelivery from counting twice ({@link PrescriptionDispensing}).
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class PrescriptionDispensingRoute extends RouteBuilder {

    static final String EVENTS_URI = Events.SCHEME + ":" + PrescriptionDispensing.SUBSCRIBER + "?types="
            + PrescriptionDispensing.EVENT_TYPE;

    private final PrescriptionDispensing dispensing;

    @Activate
    public PrescriptionDispensingRoute(@Reference PrescriptionDispensing dispensing,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this(dispensing);
    }

    PrescriptionDispensingRoute(PrescriptionDispensing dispensing) {
        this.dispensing = dispensing;
    }

    @Override
    public void configure() {
        from(EVENTS_URI)
                .routeId(PrescriptionDispensing.SUBSCRIBER)
                .process(exchange -> dispensing.onMedicationDispensed(exchange.getIn().getBody(String.class)));
    }
}
