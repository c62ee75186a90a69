package org.pavilion.scheduling.internal.waitlist;

import java.util.Set;

import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.Events;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentRescheduled;

/**
 * The waiting list's two routes in the platform's Camel context: freed slots arriving as AppointmentCancelled and
 * AppointmentRescheduled events are offered ({@link SlotOffers#onAppointmentEvent}, idempotent for redeliveries), and
 * a timer lets lapsed offers expire (handing their slots on) and entries past their last day leave the list.
 */
@org.osgi.service.component.annotations.Component(service = RoutesBuilder.class)
public class WaitingListRoutes extends RouteBuilder {

    static final String SUBSCRIBER = "scheduling-waiting-list";
    static final String EXPIRY = "scheduling-waiting-list-expiry";
    static final long EXPIRY_PERIOD_MS = 30_000;

    static final String EVENTS_URI = Events.SCHEME + ":" + SUBSCRIBER + "?types=" + AppointmentCancelled.TYPE + ","
            + AppointmentRescheduled.TYPE;
    static final String TIMER_URI = "timer:" + EXPIRY + "?period=" + EXPIRY_PERIOD_MS + "&delay=" + EXPIRY_PERIOD_MS;

    // The audit trail names the timer; it acts for nobody and needs no privilege (no gate asks it).
    private static final Caller TIMER = Caller.inContainer("timer:" + EXPIRY, Set.of(), "local");

    private final SlotOffers offers;
    private final WaitingList list;

    @Activate
    public WaitingListRoutes(@Reference SlotOffers offers, @Reference WaitingList list,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") Component eventComponent) {
        this.offers = offers;
        this.list = list;
    }

    WaitingListRoutes(SlotOffers offers, WaitingList list) {
        this.offers = offers;
        this.list = list;
    }

    @Override
    public void configure() {
        from(EVENTS_URI)
                .routeId(SUBSCRIBER)
                .process(exchange -> offers.onAppointmentEvent(
                        exchange.getIn().getHeader(Events.HEADER_TYPE, String.class),
                        exchange.getIn().getBody(String.class)));
        from(TIMER_URI)
                .routeId(EXPIRY)
                .process(exchange -> CallerContext.runAs(TIMER, this::expire));
    }

    /** One run of the timer: lapsed offers first (their slots go on to the next entry), then entries past their days. */
    int expire() {
        return offers.expireDue() + list.expirePassed();
    }
}
