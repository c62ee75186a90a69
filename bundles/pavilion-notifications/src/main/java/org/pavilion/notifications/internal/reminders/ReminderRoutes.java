package org.pavilion.notifications.internal.reminders;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.notifications.internal.NotificationsConfig;
import org.pavilion.notifications.internal.intake.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer route {@code notifications-reminders}: every {@code reminderIntervalMs} it hands the due reminders to the
 * intake as {@code AppointmentReminder} events and marks them FIRED. A second container doing the same work at once
 * queues nothing twice (the intake's dedup key holds the occurrence's event id); the version-guarded mark lets one
 * of them win. A new interval re-creates the component (no @Modified), so the timer restarts with it.
 */
@Component(service = RoutesBuilder.class, configurationPid = NotificationsConfig.PID)
public class ReminderRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String ROUTE = "notifications-reminders";
    /** Reminders read per query; more are fetched while batches come back full (10,000 due after a downtime). */
    static final int BATCH = 500;

    private final Reminders reminders;
    private final Intake intake;
    private final long intervalMs;
    private final int batchSize;

    @Activate
    public ReminderRoutes(@Reference Reminders reminders, @Reference Intake intake, NotificationsConfig config) {
        this(reminders, intake, config.reminderIntervalMs());
    }

    public static ReminderRoutes of(Reminders reminders, Intake intake, long intervalMs) {
        return new ReminderRoutes(reminders, intake, intervalMs);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private ReminderRoutes(Reminders reminders, Intake intake, long intervalMs) {
        this(reminders, intake, intervalMs, BATCH);
    }

    /** With a smaller batch: tests see several batches without writing thousands of reminders. */
    ReminderRoutes(Reminders reminders, Intake intake, long intervalMs, int batchSize) {
        this.reminders = reminders;
        this.intake = intake;
        this.intervalMs = Math.max(100, intervalMs);
        this.batchSize = batchSize;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE + "?period=" + intervalMs + "&delay=" + intervalMs)
                .routeId(ROUTE)
                .process(exchange -> fireDue());
    }

    /**
     * Fires every due reminder, a batch at a time: each through the intake (its own transaction), then the batch's
     * marks in one. A crash in between fires them again, and the intake's dedup keys queue nothing twice. One that
     * fails stays SCHEDULED and is tried on the next tick.
     */
    public int fireDue() {
        int fired = 0;
        Set<String> failed = new HashSet<>();
        while (true) {
            // The ones that failed in this run are still due: read past them.
            int limit = batchSize + failed.size();
            List<Reminders.Due> batch = reminders.due(limit);
            List<Reminders.Due> done = new ArrayList<>();
            for (Reminders.Due due : batch) {
                if (failed.contains(due.id())) {
                    continue;
                }
                try {
                    intake.accept(due.eventId(), Reminders.EVENT_TYPE, JSON.readTree(due.payload()), due.ruleId());
                    done.add(due);
                } catch (RuntimeException | IOException e) {
                    failed.add(due.id());
                    LOG.warn("Reminder {} (rule {}) could not be fired, tried again later: {}", due.id(), due.ruleId(),
                            rootCause(e));
                }
            }
            int marked = reminders.markFired(done);
            if (marked < done.size()) {
                LOG.debug("{} reminders changed while they fired (moved, cancelled or fired elsewhere)",
                        done.size() - marked);
            }
            fired += done.size();
            if (batch.size() < limit || marked == 0) { // a short batch, or no progress
                return fired;
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.toString() : e.getClass().getSimpleName() + " caused by " + t;
    }
}
