package org.pavilion.notifications.internal.reminders;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.intake.Json;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.rules.RuleBook;
import org.pavilion.notifications.internal.rules.RuleView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appointment reminders ({@code nt_reminder}): one row per appointment and enabled reminder rule, written from
 * the appointment's events, due at its start minus the rule's offset. All state is in the table, so a restart or a
 * second container finds the same reminders. Idempotent: an event delivered again writes the same row.
 */
@Component(service = Reminders.class)
public class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

    public static final String EVENT_TYPE = "AppointmentReminder";
    public static final String BOOKED = "AppointmentBooked", RESCHEDULED = "AppointmentRescheduled",
            CANCELLED = "AppointmentCancelled";
    public static final String SCHEDULED = "SCHEDULED", FIRED = "FIRED", STATUS_CANCELLED = "CANCELLED";

    /** A reminder that is due: what the reminder route hands to the intake. */
    public record Due(String id, String ruleId, String appointmentStart, String payload, int version) {

        /** The occurrence's event id: a moved appointment's reminder is a new occurrence, a repeat is not. */
        public String eventId() {
            return "reminder:" + id + ":" + appointmentStart;
        }
    }

    private final JpaTransactions jpa;
    private final RuleBook rules;
    private final NotificationQueue queue;
    private final NotificationClock clock;

    @Activate
    public Reminders(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference RuleBook rules, @Reference NotificationQueue queue, @Reference NotificationClock clock) {
        this(new JpaTransactions(emf), rules, queue, clock);
    }

    public static Reminders of(JpaTransactions jpa, RuleBook rules, NotificationQueue queue, NotificationClock clock) {
        return new Reminders(jpa, rules, queue, clock);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private Reminders(JpaTransactions jpa, RuleBook rules, NotificationQueue queue, NotificationClock clock) {
        this.jpa = jpa;
        this.rules = rules;
        this.queue = queue;
        this.clock = clock;
    }

    public static boolean isAppointmentEvent(String eventType) {
        return BOOKED.equals(eventType) || RESCHEDULED.equals(eventType) || CANCELLED.equals(eventType);
    }

    /**
     * Applies an appointment event; other types and redaction markers are ignored.
     *
     * @return the reminders now SCHEDULED for the appointment
     */
    public int onEvent(String eventType, JsonNode event) {
        if (!isAppointmentEvent(eventType) || Json.redacted(event)) {
            return 0;
        }
        String appointmentId = Json.text(event, "appointmentId");
        if (appointmentId == null) {
            LOG.warn("{} without appointmentId: no reminder", eventType);
            return 0;
        }
        if (CANCELLED.equals(eventType)) {
            jpa.run(em -> cancel(em, appointmentId, "appointment cancelled"));
            return 0;
        }
        String start = Json.text(event, "start");
        Instant startAt = instant(start);
        if (startAt == null) {
            LOG.warn("{} of appointment {} without a valid start ({}): no reminder", eventType, appointmentId, start);
            return 0;
        }
        List<RuleView> reminderRules = rules.forEvent(EVENT_TYPE).stream()
                .filter(r -> r.enabled() && r.offsetMinutes() != null).toList();
        String payload = event.toString();
        return jpa.call(em -> {
            if (RESCHEDULED.equals(eventType)) {
                // A reminder of the old time waiting in the queue (quiet hours) must not go out.
                queue.cancelQueued(em, subject(appointmentId), EVENT_TYPE, "appointment rescheduled");
            }
            int scheduled = 0;
            long now = clock.millis();
            // A rule disabled since the booking no longer reminds of this appointment.
            Set<String> enabled = reminderRules.stream().map(RuleView::id).collect(Collectors.toSet());
            for (ReminderEntity r : forAppointment(em, appointmentId)) {
                if (!enabled.contains(r.getRuleId()) && SCHEDULED.equals(r.getStatus())) {
                    r.setStatus(STATUS_CANCELLED);
                    r.setUpdatedMs(now);
                }
            }
            for (RuleView rule : reminderRules) {
                if (schedule(em, appointmentId, rule, start, startAt, Json.text(event, "patientId"), payload, now)) {
                    scheduled++;
                }
            }
            return scheduled;
        });
    }

    private boolean schedule(EntityManager em, String appointmentId, RuleView rule, String start, Instant startAt,
            String patientId, String payload, long now) {
        long fireAt = startAt.toEpochMilli() - rule.offsetMinutes() * 60_000L;
        ReminderEntity r = find(em, appointmentId, rule.id());
        if (r != null && FIRED.equals(r.getStatus()) && start.equals(r.getAppointmentStart())) {
            return false; // this occurrence went out already (the event came again)
        }
        if (fireAt <= now) {
            // Too late to remind (booked within the offset): none, and one for an earlier time no longer applies.
            if (r != null && SCHEDULED.equals(r.getStatus())) {
                r.setStatus(STATUS_CANCELLED);
                r.setUpdatedMs(now);
            }
            return false;
        }
        if (r == null) {
            r = new ReminderEntity();
            r.setId(UUID.randomUUID().toString());
            r.setAppointmentId(appointmentId);
            r.setRuleId(rule.id());
            em.persist(r);
        }
        r.setPatientId(patientId);
        r.setAppointmentStart(start);
        r.setFireAtMs(fireAt);
        r.setPayload(payload);
        r.setStatus(SCHEDULED);
        r.setUpdatedMs(now);
        return true;
    }

    private void cancel(EntityManager em, String appointmentId, String reason) {
        long now = clock.millis();
        for (ReminderEntity r : forAppointment(em, appointmentId)) {
            if (SCHEDULED.equals(r.getStatus())) {
                r.setStatus(STATUS_CANCELLED);
                r.setUpdatedMs(now);
            }
        }
        queue.cancelQueued(em, subject(appointmentId), EVENT_TYPE, reason);
    }

    /** The due reminders, oldest first, at most {@code limit}. */
    public List<Due> due(int limit) {
        long now = clock.millis();
        return jpa.call(em -> em.createQuery("SELECT r FROM ReminderEntity r WHERE r.status = :s AND r.fireAtMs <= :now"
                + " ORDER BY r.fireAtMs, r.id", ReminderEntity.class)
                .setParameter("s", SCHEDULED).setParameter("now", now).setMaxResults(limit).getResultList().stream()
                .map(r -> new Due(r.getId(), r.getRuleId(), r.getAppointmentStart(), r.getPayload(), r.getVersion()))
                .toList());
    }

    /**
     * Marks due reminders FIRED, in one transaction, unless one changed since it was read (moved, cancelled, or fired
     * by another container): that one is left as it is.
     *
     * @return how many were marked
     */
    public int markFired(List<Due> fired) {
        if (fired.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        return jpa.call(em -> {
            int marked = 0;
            for (Due due : fired) {
                marked += em.createQuery("UPDATE ReminderEntity r SET r.status = :fired, r.updatedMs = :now,"
                        + " r.version = :next WHERE r.id = :id AND r.version = :version AND r.status = :scheduled")
                        .setParameter("fired", FIRED).setParameter("now", now).setParameter("next", due.version() + 1)
                        .setParameter("id", due.id()).setParameter("version", due.version())
                        .setParameter("scheduled", SCHEDULED).executeUpdate();
            }
            return marked;
        });
    }

    /** The appointment's reminders, soonest first. */
    public List<ReminderEntity> forAppointment(String appointmentId) {
        return jpa.call(em -> {
            List<ReminderEntity> rows = forAppointment(em, appointmentId);
            rows.forEach(em::detach);
            return rows;
        });
    }

    private static List<ReminderEntity> forAppointment(EntityManager em, String appointmentId) {
        return em.createQuery("SELECT r FROM ReminderEntity r WHERE r.appointmentId = :a ORDER BY r.fireAtMs, r.ruleId",
                ReminderEntity.class).setParameter("a", appointmentId).getResultList();
    }

    private static ReminderEntity find(EntityManager em, String appointmentId, String ruleId) {
        List<ReminderEntity> rows = em.createQuery("SELECT r FROM ReminderEntity r WHERE r.appointmentId = :a"
                + " AND r.ruleId = :rule", ReminderEntity.class).setParameter("a", appointmentId)
                .setParameter("rule", ruleId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    static String subject(String appointmentId) {
        return "appointment:" + appointmentId;
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
