package org.pavilion.telemedicine.internal;

import java.util.Set;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * The retry worker for encounters an ended call still owes a close (the EMR was down, refusing or not installed at
 * hang-up): a timer on the platform's Camel context, contributed as a RoutesBuilder service, that runs
 * {@link ConsultationService#closeDueEncounters()} every {@value #PERIOD_MS} ms as the department itself. A failing run
 * is logged by Camel and the next tick tries again; nothing owed is lost, it is a column of the consultation.
 */
@Component(service = RoutesBuilder.class)
public class EncounterCloseRoutes extends RouteBuilder {

    static final String ROUTE_ID = "telemedicine-encounter-close";
    static final long PERIOD_MS = 30_000;
    /** Who closes an owed encounter in the audit trail and towards the EMR (as a feed: EmrRecordLink). */
    static final Caller SYSTEM = Caller.inContainer("telemedicine", Set.of(), "local");

    private final ConsultationService consultations;

    @Activate
    public EncounterCloseRoutes(@Reference ConsultationService consultations) {
        this.consultations = consultations;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + PERIOD_MS + "&delay=" + PERIOD_MS)
                .routeId(ROUTE_ID)
                .process(exchange -> CallerContext.runAs(SYSTEM, consultations::closeDueEncounters));
    }
}
