package org.pavilion.lab.internal.critical;

import java.util.function.LongSupplier;

import javax.persistence.EntityManagerFactory;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.internal.LabConfig;

/**
 * The escalation timer, contributed to the platform's Camel context as a RoutesBuilder service. The timer ticks every
 * second and runs {@link CriticalEscalation} once {@code criticalCheckSeconds} have passed since the last run, so a
 * configuration change ({@code @Modified}: minutes, on-call, head, period) applies at the next tick without
 * re-creating the route or the component.
 */
@Component(service = RoutesBuilder.class, configurationPid = LabConfig.PID)
public class CriticalEscalationRoutes extends RouteBuilder {

    static final String ROUTE_ID = "lab-critical-escalation";
    static final long TICK_MS = 1000;
    /** At most this many alerts per run: a backlog after downtime is worked off over several runs. */
    static final int BATCH = 200;

    private final CriticalEscalation escalation;
    private final LongSupplier clock;
    private volatile Schedule schedule;
    private volatile long lastRunMs = Long.MIN_VALUE;

    /** The settings and period in force, swapped whole when the configuration changes. */
    record Schedule(CriticalEscalation.Settings settings, long periodMs) {
        static Schedule of(LabConfig config) {
            return new Schedule(CriticalEscalation.Settings.of(config, BATCH),
                    Math.max(1, config.criticalCheckSeconds()) * 1000L);
        }
    }

    @Activate
    public CriticalEscalationRoutes(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events,
            LabConfig config) {
        this(new CriticalEscalation(emf, audit, events, System::currentTimeMillis), System::currentTimeMillis,
                Schedule.of(config));
    }

    CriticalEscalationRoutes(CriticalEscalation escalation, LongSupplier clock, Schedule schedule) {
        this.escalation = escalation;
        this.clock = clock;
        this.schedule = schedule;
    }

    @Modified
    void modified(LabConfig config) {
        schedule = Schedule.of(config);
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + TICK_MS + "&delay=" + TICK_MS)
                .routeId(ROUTE_ID)
                .process(exchange -> tick());
    }

    /** One tick of the timer: a run when the period has passed since the last one. Returns whether it ran. */
    boolean tick() throws Exception {
        Schedule s = schedule;
        long now = clock.getAsLong();
        if (lastRunMs != Long.MIN_VALUE && now - lastRunMs < s.periodMs()) {
            return false;
        }
        lastRunMs = now;
        CallerContext.runAs(CriticalEscalation.SYSTEM, () -> escalation.run(s.settings()));
        return true;
    }
}
