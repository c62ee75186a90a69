package org.pavilion.scheduling.internal.attendance;

import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.booking.AppointmentBook;

/**
 * The late and no-show timer, contributed to the platform's Camel context as a RoutesBuilder service. No
 * {@code @Modified} on purpose: a configuration change deactivates and re-activates the component, so its service
 * is re-registered and the route re-created with the new period and minutes, without a container restart.
 */
@Component(service = RoutesBuilder.class, configurationPid = SchedulingConfig.PID)
public class AttendanceRoutes extends RouteBuilder {

    static final String ROUTE_ID = "scheduling-attendance";

    /** At most this many appointments per step and run. */
    static final int BATCH = 200;

    /** What the sweep may do on its own: mark no-shows (the check-in privilege's work). */
    private static final Caller SYSTEM = Caller.inContainer(AttendanceSweep.ACTOR,
            Set.of("scheduling.appointment.check-in"), "local");

    private final AttendanceSweep sweep;
    private final AttendanceSweep.Settings settings;
    private final long periodMs;

    @Activate
    public AttendanceRoutes(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AppointmentBook book, SchedulingConfig config) {
        this.sweep = new AttendanceSweep(emf, book, System::currentTimeMillis);
        this.settings = new AttendanceSweep.Settings(Math.max(0, config.checkInGraceMinutes()),
                Math.max(1, config.noShowAfterMinutes()), BATCH);
        this.periodMs = Math.max(1, config.noShowCheckSeconds()) * 1000L;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + periodMs + "&delay=" + periodMs)
                .routeId(ROUTE_ID)
                .process(exchange -> CallerContext.runAs(SYSTEM, () -> sweep.run(settings)));
    }
}
