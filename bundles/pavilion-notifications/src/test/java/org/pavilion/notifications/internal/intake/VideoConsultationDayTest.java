package org.pavilion.notifications.internal.intake;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsDatabase;
import org.pavilion.notifications.internal.queue.MutableClock;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.queue.QueueService;
import org.pavilion.notifications.internal.queue.QuietHours;
import org.pavilion.notifications.internal.recipients.Recipient;
import org.pavilion.notifications.internal.reminders.ReminderRoutes;
import org.pavilion.notifications.internal.reminders.Reminders;
import org.pavilion.notifications.internal.rules.MustacheRenderer;
import org.pavilion.notifications.internal.rules.RenderSettings;
import org.pavilion.notifications.internal.rules.RuleService;
import org.pavilion.scheduling.api.AppointmentBooked;

/**
 * Video consultations at a hospital whose web UI patients reach at {@value #PUBLIC}: the seeded rules and texts of the
 * real change log, the real renderer, queue (quiet hours 21:00-08:00 in Paris) and reminders. Scheduling's bookings
 * come as its own class; telemedicine's ConsultationStarted as the JSON it publishes (notifications imports nothing of
 * telemedicine).
 */
public class VideoConsultationDayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PUBLIC = "https://care.hopital-nord.example/";
    static final String VIDEO_PAGE = "https://care.hopital-nord.example/portal/video";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday 7 December 2026: the consultations are at 09:30 and, for the late clinic, 21:30. */
    static final String MONDAY_0930 = "2026-12-07T08:30:00Z";

    private NotificationsDatabase db;
    private MutableClock clock;
    private FakeDirectory directory;
    private EventRoutes routes;
    private ReminderRoutes reminderRoute;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        NotificationClock notificationClock = NotificationClock.of(clock);
        AuditService audit = event -> { };
        RuleService rules = new RuleService(db.emf, audit, notificationClock);
        QueueService queue = QueueService.of(db.emf, notificationClock, QuietHours.of("21:00", "08:00", PARIS.getId()));
        MustacheRenderer renderer = new MustacheRenderer(db.emf, new RenderSettings("en", PARIS, PUBLIC));
        directory = new FakeDirectory();
        directory.patient("MRN-2001", "Bruno Keller", "bruno@example.org", "+33644444444");
        directory.patients.put("MRN-2002", new Recipient(Recipient.PATIENT, "MRN-2002", "MRN-2002", "Chloé Morel",
                "chloe@example.org", "+33655555555", "fr", Set.of(), false));
        // Denis wants no text messages: e-mail only
        directory.patient("MRN-2003", "Denis Roy", "denis@example.org", "+33666666666", "SMS");
        EventIntake intake = EventIntake.of(db.jpa, rules, directory, renderer, queue);
        Reminders reminders = Reminders.of(db.jpa, rules, queue, notificationClock);
        routes = new EventRoutes(intake, reminders);
        reminderRoute = ReminderRoutes.of(reminders, intake, 10_000);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    private static AppointmentBooked booked(String appointmentId, String mrn, String visitType) {
        AppointmentBooked b = new AppointmentBooked();
        b.appointmentId = appointmentId;
        b.patientId = mrn;
        b.doctorName = "Dr Martin";
        b.serviceName = "Follow-up consultation";
        b.visitType = visitType;
        b.location = "VIDEO".equals(visitType) ? "Video consultation" : "Building B, room 12";
        b.start = MONDAY_0930;
        b.end = Instant.parse(MONDAY_0930).plusSeconds(1200).toString();
        b.localStart = "2026-12-07T09:30";
        b.zone = PARIS.getId();
        b.channel = "PORTAL";
        b.bookingCode = "BK-" + appointmentId;
        return b;
    }

    /** Telemedicine's payload, field by field as ConsultationStarted serialises. */
    private static ObjectNode started(String consultationId, String appointmentId, String mrn) {
        ObjectNode e = JSON.createObjectNode();
        e.put("consultationId", consultationId);
        e.put("appointmentId", appointmentId);
        e.put("patientId", mrn);
        e.put("doctorId", "d-17");
        e.put("host", "dr.martin");
        e.put("arrivedAt", "2026-12-07T08:27:00Z");
        e.put("startedAt", "2026-12-07T08:31:00Z");
        return e;
    }

    private List<NotificationEntity> messages(String eventType) {
        return db.jpa.call(em -> em.createQuery("SELECT n FROM NotificationEntity n WHERE n.eventType = :t"
                + " ORDER BY n.patientId, n.channel", NotificationEntity.class).setParameter("t", eventType)
                .getResultList());
    }

    private static NotificationEntity one(List<NotificationEntity> all, String mrn, String channel) {
        List<NotificationEntity> found = all.stream()
                .filter(n -> mrn.equals(n.getPatientId()) && channel.equals(n.getChannel())).toList();
        assertEquals(mrn + " " + channel, 1, found.size());
        return found.get(0);
    }

    @Test
    public void aVideoBookingAndItsReminderCarryThePortalLinkAnInPersonOneDoesNot() throws Exception {
        routes.onEvent("ev-1", AppointmentBooked.TYPE, JSON.writeValueAsString(booked("APT-V1", "MRN-2001", "VIDEO")));
        routes.onEvent("ev-2", AppointmentBooked.TYPE, JSON.writeValueAsString(booked("APT-V2", "MRN-2002", "VIDEO")));
        routes.onEvent("ev-3", AppointmentBooked.TYPE,
                JSON.writeValueAsString(booked("APT-P1", "MRN-2001", "IN_PERSON")));

        List<NotificationEntity> confirmations = messages(AppointmentBooked.TYPE);
        assertEquals(6, confirmations.size());
        for (NotificationEntity n : confirmations) {
            boolean video = !n.getSubjectRef().equals("appointment:APT-P1");
            assertEquals(n.getSubjectRef() + " " + n.getChannel() + ": " + n.getBody(), video,
                    n.getBody().contains(VIDEO_PAGE));
            // the patient signs in: the link is the page itself, never a token or query
            assertFalse(n.getBody(), n.getBody().contains(VIDEO_PAGE + "?") || n.getBody().contains("token"));
        }
        NotificationEntity bruno = confirmations.stream()
                .filter(n -> n.getSubjectRef().equals("appointment:APT-V1") && n.getChannel().equals("EMAIL"))
                .findFirst().orElseThrow();
        assertTrue(bruno.getBody(), bruno.getBody().contains(
                "This is a video consultation: at its time, sign in to the patient portal and join it here: "
                        + VIDEO_PAGE));
        NotificationEntity chloeSms = one(confirmations, "MRN-2002", "SMS");
        assertEquals("fr", chloeSms.getLanguage());
        assertTrue(chloeSms.getBody(), chloeSms.getBody().endsWith(". Vidéo : " + VIDEO_PAGE));
        NotificationEntity inPerson = confirmations.stream()
                .filter(n -> n.getSubjectRef().equals("appointment:APT-P1") && n.getChannel().equals("SMS"))
                .findFirst().orElseThrow();
        assertEquals("Appointment with Dr Martin on Monday, December 7, 2026 at 09:30, Building B, room 12. "
                + "Booking code BK-APT-P1.", inPerson.getBody());

        // the day before, the reminders fire from the stored booking: the video ones still carry the link
        clock.set(Instant.parse(MONDAY_0930).minus(Duration.ofHours(24)));
        assertEquals(6, reminderRoute.fireDue());
        List<NotificationEntity> reminders = messages("AppointmentReminder");
        assertEquals(6, reminders.size());
        for (NotificationEntity n : reminders) {
            assertEquals(n.getSubjectRef() + " " + n.getChannel(), !n.getSubjectRef().equals("appointment:APT-P1"),
                    n.getBody().contains(VIDEO_PAGE));
        }
        assertTrue(one(reminders, "MRN-2002", "EMAIL").getBody().contains(
                "Il s'agit d'une téléconsultation : à l'heure prévue, connectez-vous au portail patient et "
                        + "rejoignez-la ici : " + VIDEO_PAGE));
    }

    @Test
    public void theDoctorIsReadyMessageReachesThePatientOnceEvenLateInTheEvening() throws Exception {
        // the late clinic: admitted at 21:40 in Paris, inside quiet hours, yet the patient is waiting now
        Instant admitted = ZonedDateTime.of(2026, 12, 7, 21, 40, 0, 0, PARIS).toInstant();
        clock.set(admitted);
        String event = started("CONS-1", "APT-V1", "MRN-2001").toString();

        assertEquals(2, routes.onEvent("ev-10", "ConsultationStarted", event));
        assertEquals("the bus delivers it again: nothing more", 0, routes.onEvent("ev-10", "ConsultationStarted", event));

        List<NotificationEntity> ready = messages("ConsultationStarted");
        assertEquals(2, ready.size());
        NotificationEntity sms = one(ready, "MRN-2001", "SMS");
        assertEquals("Your doctor is ready to see you now: " + VIDEO_PAGE, sms.getBody());
        assertEquals("+33644444444", sms.getAddress());
        NotificationEntity email = one(ready, "MRN-2001", "EMAIL");
        assertEquals("Your doctor is ready to see you now", email.getSubject());
        assertTrue(email.getBody(), email.getBody().startsWith("Dear Bruno Keller,\n\nYour doctor is ready to see you now: "
                + VIDEO_PAGE + "\n"));
        for (NotificationEntity n : ready) {
            assertEquals("consultation:CONS-1", n.getSubjectRef());
            assertEquals(NotificationQueue.QUEUED, n.getStatus());
            assertEquals("not held until 08:00", admitted.toEpochMilli(), n.getNextAttemptMs());
        }
    }

    @Test
    public void eachPatientHearsInTheirLanguageAndOnlyOnTheChannelsTheyKept() throws Exception {
        assertEquals(2, routes.onEvent("ev-20", "ConsultationStarted", started("CONS-2", "APT-V2", "MRN-2002").toString()));
        // both rows are written, the SMS one as suppressed
        assertEquals(2, routes.onEvent("ev-21", "ConsultationStarted", started("CONS-3", "APT-V3", "MRN-2003").toString()));

        List<NotificationEntity> ready = messages("ConsultationStarted");
        assertEquals(4, ready.size());
        NotificationEntity chloe = one(ready, "MRN-2002", "SMS");
        assertEquals("fr", chloe.getLanguage());
        assertEquals("Votre médecin est prêt à vous recevoir : " + VIDEO_PAGE, chloe.getBody());
        assertEquals("Votre médecin est prêt à vous recevoir", one(ready, "MRN-2002", "EMAIL").getSubject());

        NotificationEntity denisSms = one(ready, "MRN-2003", "SMS");
        assertEquals(NotificationQueue.SUPPRESSED, denisSms.getStatus());
        assertEquals(EventIntake.OPTED_OUT, denisSms.getLastAnswer());
        assertNull(denisSms.getAddress());
        assertNull(denisSms.getBody());
        assertEquals(NotificationQueue.QUEUED, one(ready, "MRN-2003", "EMAIL").getStatus());
    }
}
