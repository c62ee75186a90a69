package org.pavilion.billing.internal.charges;

import java.util.function.BooleanSupplier;

import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.core.api.module.ModuleHeaders;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.Events;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.api.MedicationReturned;
import org.pavilion.scheduling.api.AppointmentCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Billing's durable subscriptions to the departments' billable events, one per department, in the platform's Camel
 * context: completed appointments, completed lab tests, dispensed and returned medicines, ended video consultations
 * become charges (or parked charges) exactly once per source, however often an event is delivered. Each is switched by
 * the cfg ({@code chargeAppointments}, {@code chargeLabTests}, {@code chargeDispenses},
 * {@code chargeTeleconsultations}): while off, its events are taken and not charged. Only the event types' names
 * (constants the compiler copies in) come from the departments' apis here; their classes load in the consumers, when
 * such an event arrives; telemedicine's event is read as JSON and loads none.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class, configurationPid = BillingConfig.PID)
public class ChargeEventRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeEventRoutes.class);

    static final String APPOINTMENTS = "billing-appointments";
    static final String LAB_TESTS = "billing-lab-tests";
    static final String DISPENSES = "billing-dispenses";
    static final String TELECONSULTATIONS = "billing-teleconsultations";

    private final AppointmentCharges appointments;
    private final LabTestCharges labTests;
    private final DispenseCharges dispenses;
    private final ReturnCredits returns;
    private final TeleconsultationCharges teleconsultations;
    private final BooleanSupplier telemedicineInstalled;
    private volatile BillingConfig config;

    @Activate
    public ChargeEventRoutes(BundleContext context, @Reference ChargeService charges,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent, BillingConfig config) {
        this(charges, config, () -> moduleActive(context, "telemedicine"));
    }

    ChargeEventRoutes(ChargeService charges, BillingConfig config) {
        this(charges, config, () -> true);
    }

    ChargeEventRoutes(ChargeService charges, BillingConfig config, BooleanSupplier telemedicineInstalled) {
        this.telemedicineInstalled = telemedicineInstalled;
        this.appointments = new AppointmentCharges(charges);
        this.labTests = new LabTestCharges(charges);
        this.dispenses = new DispenseCharges(charges);
        this.returns = new ReturnCredits(charges);
        this.teleconsultations = new TeleconsultationCharges(charges);
        this.config = config;
    }

    @Modified
    void modified(BillingConfig changed) {
        config = changed;
    }

    @Override
    public void configure() {
        from(Events.SCHEME + ":" + APPOINTMENTS + "?types=" + AppointmentCompleted.TYPE)
                .routeId(APPOINTMENTS)
                .process(this::onEvent);
        from(Events.SCHEME + ":" + LAB_TESTS + "?types=" + LabTestCompleted.TYPE)
                .routeId(LAB_TESTS)
                .process(this::onEvent);
        from(Events.SCHEME + ":" + DISPENSES + "?types=" + MedicationDispensed.TYPE + "," + MedicationReturned.TYPE)
                .routeId(DISPENSES)
                .process(this::onEvent);
        from(Events.SCHEME + ":" + TELECONSULTATIONS + "?types=" + TeleconsultationCharges.TYPE)
                .routeId(TELECONSULTATIONS)
                .process(this::onEvent);
    }

    private void onEvent(Exchange exchange) throws Exception {
        Filed filed = onEvent(exchange.getIn().getHeader(Events.HEADER_TYPE, String.class),
                exchange.getIn().getBody(String.class));
        if (filed != null) {
            LOG.debug("{} {}: {}", exchange.getIn().getHeader(Events.HEADER_TYPE), exchange.getIn()
                    .getHeader(Events.HEADER_ID), filed);
        }
    }

    /**
     * Files one delivery; null when its type is switched off (or not billing's), for a consultation never admitted, and
     * for a VIDEO appointment charged by its consultation instead. A failure is retried by the bus.
     */
    Filed onEvent(String type, String json) throws Exception {
        BillingConfig c = config;
        String actor = CallerContext.current().map(Caller::username).orElse("events:billing");
        if (AppointmentCompleted.TYPE.equals(type)) {
            // A video visit is left to its consultation only where telemedicine runs: elsewhere nothing else
            // would ever charge it.
            boolean byConsultation = c.chargeTeleconsultations() && telemedicineInstalled.getAsBoolean();
            return c.chargeAppointments() ? appointments.onEvent(json, actor, byConsultation) : null;
        }
        if (LabTestCompleted.TYPE.equals(type)) {
            return c.chargeLabTests() ? labTests.onEvent(json, actor) : null;
        }
        if (MedicationDispensed.TYPE.equals(type)) {
            return c.chargeDispenses() ? dispenses.onEvent(json, actor) : null;
        }
        if (MedicationReturned.TYPE.equals(type)) {
            return c.chargeDispenses() ? returns.onEvent(json, actor) : null;
        }
        if (TeleconsultationCharges.TYPE.equals(type)) {
            return c.chargeTeleconsultations() ? teleconsultations.onEvent(json, c.teleconsultationCode(), actor)
                    : null;
        }
        return null;
    }

    /** Whether a bundle declaring module {@code name} (header Pavilion-Module) is active: no import of it needed. */
    static boolean moduleActive(BundleContext context, String name) {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && name.equals(b.getHeaders("").get(ModuleHeaders.MODULE))) {
                return true;
            }
        }
        return false;
    }
}
