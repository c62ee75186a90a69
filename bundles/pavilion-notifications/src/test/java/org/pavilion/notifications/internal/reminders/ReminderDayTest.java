package org.pavilion.notifications.internal.reminders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsDatabase;
import org.pavilion.notifications.internal.intake.EventIntake;
import org.pavilion.notifications.internal.intake.EventRoutes;
import org.pavilion.notifications.internal.intake.FakeDirectory;
import org.pavilion.notifications.internal.intake.FakeQueue;
import org.pavilion.notifications.internal.intake.FakeRenderer;
import org.pavilion.notifications.internal.intake.FakeRuleBook;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.scheduling.api.AppointmentBooked;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentEvent;
import org.pavilion.scheduling.api.AppointmentRescheduled;

/**
 * Appointment reminders through a week: scheduling's events (its own classes, as JSON) come in through the subscriber
 * route's handler, a movable clock decides what is due, the reminder route's work fires them through the real intake.
 */
public class ReminderDayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Friday 5 December 2026, 08:00 UTC. */
    static final Instant MONDAY_MINUS_3 = Instant.parse("2026-12-04T08:00:00Z");
    static final String MONDAY_0930 = "2026-12-07T08:30:00Z";

    private NotificationsDatabase db;
    private MovableClock clock;
    private FakeRuleBook rules;
    private FakeDirectory directory;
    private EventRoutes routes;
    private ReminderRoutes reminderRoute;
    private EventIntake intake;
    private Reminders reminders;
    private int eventNo;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        clock = new MovableClock(MONDAY_MINUS_3);
        rules = FakeRuleBook.seeded();
        directory = new FakeDirectory();
        directory.patient("MRN-1001", "Amélie", "amelie@example.org", "+33611111111");
        start();
    }

    /** New component instances on the same database: what a restart (or a second container) has. */
    private void start() {
        FakeQueue queue = new FakeQueue();
        intake = EventIntake.of(db.jpa, rules, directory, new FakeRenderer(), queue);
        reminders = Reminders.of(db.jpa, rules, queue, NotificationClock.of(clock));
        routes = new EventRoutes(intake, reminders);
        reminderRoute = ReminderRoutes.of(reminders, intake, 10_000);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    private static <T extends AppointmentEvent> T appointment(T e, String id, String start) {
        e.appointmentId = id;
        e.patientId = "MRN-1001";
        e.doctorName = "Dr Martin";
        e.serviceName = "Consultation";
        e.visitType = "IN_PERSON";
        e.location = "Building B, room 12";
        e.start = start;
        e.end = Instant.parse(start).plusSeconds(1800).toString();
        e.zone = "Europe/Paris";
        e.channel = "DESK";
        return e;
    }

    private String publish(String type, AppointmentEvent e) throws Exception {
        String id = "ev-" + (++eventNo);
        routes.onEvent(id, type, JSON.writeValueAsString(e));
        return id;
    }

    private void book(String appointmentId, String start) throws Exception {
        publish(AppointmentBooked.TYPE, appointment(new AppointmentBooked(), appointmentId, start));
    }

    private List<NotificationEntity> reminderMessages() {
        return db.jpa.call(em -> em.createQuery("SELECT n FROM NotificationEntity n WHERE n.eventType = :t"
                + " ORDER BY n.createdMs, n.channel", NotificationEntity.class).setParameter("t", "AppointmentReminder")
                .getResultList());
    }

    @Test
    public void aBookingSchedulesTheRemindersADayBeforeAndTheyFireOnlyWhenDue() throws Exception {
        book("APT-1", MONDAY_0930);

        List<ReminderEntity> rows = reminders.forAppointment("APT-1");
        assertEquals(2, rows.size());
        long dayBefore = Instant.parse(MONDAY_0930).minus(Duration.ofHours(24)).toEpochMilli();
        rows.forEach(r -> {
            assertEquals(dayBefore, r.getFireAtMs());
            assertEquals(Reminders.SCHEDULED, r.getStatus());
            assertEquals(MONDAY_0930, r.getAppointmentStart());
            assertEquals("MRN-1001", r.getPatientId());
        });

        clock.set(Instant.ofEpochMilli(dayBefore - 60_000));
        assertEquals("a minute early: nothing", 0, reminderRoute.fireDue());
        assertEquals(0, reminderMessages().size());

        clock.set(Instant.ofEpochMilli(dayBefore));
        assertEquals(2, reminderRoute.fireDue());
        List<NotificationEntity> sent = reminderMessages();
        assertEquals(2, sent.size());
        NotificationEntity email = sent.stream().filter(n -> n.getChannel().equals("EMAIL")).findFirst().orElseThrow();
        assertEquals("appointment:APT-1", email.getSubjectRef());
        assertEquals("appointment-reminder-email", email.getRuleId());
        assertTrue(email.getEventId(), email.getEventId().startsWith("reminder:"));
        assertTrue(email.getEventId(), email.getEventId().endsWith(":" + MONDAY_0930));
        assertTrue(email.getBody(), email.getBody().contains("appointment-reminder " + MONDAY_0930));
        reminders.forAppointment("APT-1").forEach(r -> assertEquals(Reminders.FIRED, r.getStatus()));

        clock.advance(Duration.ofMinutes(5));
        assertEquals("fired once", 0, reminderRoute.fireDue());
        book("APT-1", MONDAY_0930);
        assertEquals("the booking delivered again does not bring it back", 0, reminderRoute.fireDue());
        assertEquals(2, reminderMessages().size());
    }

    @Test
    public void aRescheduleMovesTheReminderAndCancelsTheOldOneStillQueued() throws Exception {
        book("APT-2", MONDAY_0930);
        clock.set(Instant.parse("2026-12-06T08:30:00Z"));
        assertEquals(2, reminderRoute.fireDue());
        // Still QUEUED (quiet hours, say) when the patient moves the appointment to Wednesday.
        String wednesday = "2026-12-09T13:00:00Z";
        AppointmentRescheduled moved = appointment(new AppointmentRescheduled(), "APT-2", wednesday);
        moved.previousStart = MONDAY_0930;
        publish(AppointmentRescheduled.TYPE, moved);

        reminderMessages().forEach(n -> assertEquals("CANCELLED", n.getStatus()));
        List<ReminderEntity> rows = reminders.forAppointment("APT-2");
        assertEquals(2, rows.size());
        rows.forEach(r -> {
            assertEquals(Reminders.SCHEDULED, r.getStatus());
            assertEquals(Instant.parse("2026-12-08T13:00:00Z").toEpochMilli(), r.getFireAtMs());
            assertEquals(wednesday, r.getAppointmentStart());
        });

        clock.set(Instant.parse("2026-12-08T13:00:00Z"));
        assertEquals(2, reminderRoute.fireDue());
        List<NotificationEntity> all = reminderMessages();
        assertEquals(4, all.size());
        assertEquals("the new occurrence is queued", 2, all.stream().filter(n -> n.getStatus().equals("QUEUED"))
                .filter(n -> n.getEventId().endsWith(wednesday)).count());
    }

    @Test
    public void aCancelledAppointmentIsNeverReminded() throws Exception {
        book("APT-3", MONDAY_0930);
        AppointmentCancelled cancelled = appointment(new AppointmentCancelled(), "APT-3", MONDAY_0930);
        cancelled.reason = "patient called";
        publish(AppointmentCancelled.TYPE, cancelled);
        publish(AppointmentCancelled.TYPE, cancelled);

        reminders.forAppointment("APT-3").forEach(r -> assertEquals(Reminders.STATUS_CANCELLED, r.getStatus()));
        clock.set(Instant.parse(MONDAY_0930));
        assertEquals(0, reminderRoute.fireDue());
        assertEquals(0, reminderMessages().size());
    }

    @Test
    public void aBookingWithinTheOffsetGetsNoReminder() throws Exception {
        book("APT-4", MONDAY_MINUS_3.plus(Duration.ofHours(3)).toString());
        assertEquals(0, reminders.forAppointment("APT-4").size());

        // Moved from next week to this afternoon: the scheduled one no longer applies.
        book("APT-5", MONDAY_0930);
        AppointmentRescheduled sooner = appointment(new AppointmentRescheduled(), "APT-5",
                MONDAY_MINUS_3.plus(Duration.ofHours(5)).toString());
        publish(AppointmentRescheduled.TYPE, sooner);
        reminders.forAppointment("APT-5").forEach(r -> assertEquals(Reminders.STATUS_CANCELLED, r.getStatus()));
        clock.set(Instant.parse(MONDAY_0930));
        assertEquals(0, reminderRoute.fireDue());
    }

    @Test
    public void theDeskSeesTheAppointmentsRemindersAndTheReadIsAudited() throws Exception {
        book("APT-8", MONDAY_0930);
        RecordingAudit audit = new RecordingAudit();
        ReminderResource resource = new ReminderResource(reminders, audit);

        List<ReminderDto> list = resource.list("APT-8");
        assertEquals(2, list.size());
        assertEquals("2026-12-06T08:30:00Z", list.get(0).fireAt());
        assertEquals(Reminders.SCHEDULED, list.get(0).status());
        assertEquals(List.of("appointment-reminder-email", "appointment-reminder-sms"),
                list.stream().map(ReminderDto::ruleId).toList());
        assertEquals(1, audit.records.size());
        assertEquals("READ", audit.records.get(0).action());
        assertEquals("MRN-1001", audit.records.get(0).patientId());

        assertEquals(0, resource.list("APT-NONE").size());
        try {
            resource.list(" ");
            org.junit.Assert.fail("an appointment id is required");
        } catch (org.pavilion.core.api.rest.ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void aRuleDisabledAfterTheBookingNoLongerReminds() throws Exception {
        book("APT-9", MONDAY_0930);
        rules.disable("appointment-reminder-sms");
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        assertEquals("handed to the intake, which finds no enabled rule for the SMS", 2, reminderRoute.fireDue());
        List<NotificationEntity> sent = reminderMessages();
        assertEquals(1, sent.size());
        assertEquals("EMAIL", sent.get(0).getChannel());

        book("APT-10", MONDAY_0930);
        rules.disable("appointment-reminder-email");
        publish(AppointmentRescheduled.TYPE, appointment(new AppointmentRescheduled(), "APT-10",
                "2026-12-10T08:30:00Z"));
        reminders.forAppointment("APT-10").forEach(r -> assertEquals(Reminders.STATUS_CANCELLED, r.getStatus()));
    }

    @Test
    public void aRestartStillFiresTheReminder() throws Exception {
        book("APT-6", MONDAY_0930);
        start(); // the container restarted: new components, same tables
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        assertEquals(2, reminderRoute.fireDue());
        assertEquals(2, reminderMessages().size());
    }

    @Test
    public void twoContainersFiringTheSameRemindersQueueEachMessageOnce() throws Exception {
        book("APT-7", MONDAY_0930);
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        List<Reminders.Due> seenByOther = reminders.due(ReminderRoutes.BATCH);
        assertEquals(2, reminderRoute.fireDue());
        // The other container read them before they were marked: its work is absorbed.
        ReminderRoutes other = reminderRoute;
        for (Reminders.Due due : seenByOther) {
            assertEquals(0, EventIntake.of(db.jpa, rules, directory, new FakeRenderer(), new FakeQueue())
                    .accept(due.eventId(), Reminders.EVENT_TYPE, JSON.readTree(due.payload()), due.ruleId()));
            assertEquals("version-guarded", 0, reminders.markFired(List.of(due)));
        }
        assertEquals(0, other.fireDue());
        assertEquals(2, reminderMessages().size());
    }

    @Test
    public void aReminderThatCannotBeFiredStaysScheduledAndDoesNotHoldBackTheOthers() throws Exception {
        rules.disable("appointment-reminder-sms");
        for (int i = 0; i < 7; i++) {
            book("APT-F" + i, MONDAY_0930);
        }
        org.pavilion.notifications.internal.intake.Intake failingForOne =
                new org.pavilion.notifications.internal.intake.Intake() {
                    public int accept(String eventId, String eventType, com.fasterxml.jackson.databind.JsonNode event) {
                        throw new UnsupportedOperationException();
                    }

                    public int accept(String eventId, String eventType, com.fasterxml.jackson.databind.JsonNode event,
                            String onlyRuleId) {
                        if ("APT-F3".equals(event.path("appointmentId").asText())) {
                            throw new IllegalStateException("the template store did not answer");
                        }
                        return intake.accept(eventId, eventType, event, onlyRuleId);
                    }
                };
        clock.set(Instant.parse(MONDAY_0930));
        assertEquals(6, new ReminderRoutes(reminders, failingForOne, 10_000, 5).fireDue());
        assertEquals(Reminders.SCHEDULED, reminders.forAppointment("APT-F3").get(0).getStatus());

        assertEquals("the next tick fires it", 1, reminderRoute.fireDue());
        assertEquals(7, reminderMessages().size());
    }

    @Test
    public void moreRemindersDueAtOnceThanOneBatchAllFire() throws Exception {
        rules.disable("appointment-reminder-sms");
        rules.disable("appointment-booked-email"); // only the reminders matter here
        rules.disable("appointment-booked-sms");
        int n = 12; // batches of 5: two full ones, then a short one ends the run
        for (int i = 0; i < n; i++) {
            book("APT-B" + i, MONDAY_0930);
        }
        clock.set(Instant.parse(MONDAY_0930));
        assertEquals(n, new ReminderRoutes(reminders, intake, 10_000, 5).fireDue());
        assertEquals(n, reminderMessages().size());
        assertEquals(0, reminders.due(10).size());
    }
}
