package ${package}.internal;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;

/**
 * The department's durable subscription {@code ${departmentName}} to the EMR's PatientRegistered events. Registered as a
 * RoutesBuilder service, so the platform's Camel context runs it while this bundle is active; the event component
 * reference keeps it away until the bus is up. Without the EMR installed no event comes, which is no error. An
 * exception leaves the event to the bus's retry.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class PatientRegisteredRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "${departmentName}";
    /** The EMR's event type (org.pavilion.emr.api.PatientRegistered.TYPE); its JSON is read without the EMR's class. */
    static final String PATIENT_REGISTERED = "PatientRegistered";

    private final ReferralService referrals;

    @Activate
    public PatientRegisteredRoutes(@Reference ReferralService referrals,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this.referrals = referrals;
    }

    @Override
    public void configure() {
        from(Events.SCHEME + ":" + SUBSCRIBER + "?types=" + PATIENT_REGISTERED)
                .routeId(SUBSCRIBER + "-patient-registered")
                .process(exchange -> referrals.patientRegistered(
                        exchange.getIn().getHeader(Events.HEADER_ID, String.class),
                        exchange.getIn().getBody(String.class)));
    }
}
