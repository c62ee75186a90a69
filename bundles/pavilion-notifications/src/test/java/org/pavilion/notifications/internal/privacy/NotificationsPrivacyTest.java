package org.pavilion.notifications.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA_OLD;
import static org.pavilion.notifications.internal.recipients.Hospital.BEN;
import static org.pavilion.notifications.internal.recipients.Hospital.message;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.notifications.internal.NotificationsDatabase;
import org.pavilion.notifications.internal.queue.AttemptEntity;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.recipients.Hospital;
import org.pavilion.notifications.internal.recipients.PreferenceEntity;
import org.pavilion.notifications.internal.recipients.RecordingAudit;
import org.pavilion.notifications.internal.reminders.ReminderEntity;

/**
 * Ana had two records: under the old one she opted out of SMS and was sent a booking confirmation; under the new one
 * she chose SMS explicitly (opted in) and e-mail off. The EMR merges them, she asks for her data, then to be erased;
 * the erasure runs twice. Ben's rows are never touched.
 */
public class NotificationsPrivacyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private NotificationsDatabase db;
    private RecordingAudit audit;
    private NotificationsPrivacy privacy;
    private String oldBooking;
    private String queuedReminder;
    private String doctorsNotice;
    private String bensBooking;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        audit = new RecordingAudit();
        privacy = new NotificationsPrivacy(db.emf, audit, Hospital.CLOCK);
        long day = Hospital.MORNING.toEpochMilli();
        preference(ANA_OLD, "SMS", true);
        preference(ANA_OLD, "PAGER", true);
        preference(ANA, "SMS", false);
        preference(ANA, "EMAIL", true);
        preference(BEN, "SMS", true);
        oldBooking = message(db, ANA_OLD, "PATIENT", ANA_OLD, "AppointmentBooked", "EMAIL", "SENT",
                "ana@example.org", "Your appointment on Monday", day - 86_400_000L);
        queuedReminder = message(db, ANA, "PATIENT", ANA, "AppointmentReminder", "SMS", "QUEUED", "+41791110001",
                null, day - 60_000L);
        doctorsNotice = message(db, ANA_OLD, "STAFF", "dr.grey", "LabResultReleased", "EMAIL", "SENT",
                "grey@hospital.example", "Result for Ana: potassium", day - 30_000L);
        bensBooking = message(db, BEN, "PATIENT", BEN, "AppointmentBooked", "EMAIL", "QUEUED", "ben@example.org",
                "Your appointment on Tuesday", day);
        reminder(ANA_OLD, "appt-1", "SCHEDULED", day + 86_400_000L);
        reminder(ANA, "appt-0", "FIRED", day - 86_400_000L);
        reminder(BEN, "appt-2", "SCHEDULED", day + 86_400_000L);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aMergeBringsAnasOldRowsOverAndKeepsTheStricterChoice() {
        ParticipantOutcome outcome = privacy.merge(ANA, ANA_OLD);

        assertEquals(List.of(2L, 1L, 2L), outcome.items(Action.REPOINTED).stream().map(ParticipantOutcome.Item::count)
                .toList());
        NotificationEntity booking = find(oldBooking);
        assertEquals(ANA, booking.getPatientId());
        assertEquals("her own message follows her", ANA, booking.getRecipientRef());
        NotificationEntity notice = find(doctorsNotice);
        assertEquals(ANA, notice.getPatientId());
        assertEquals("the doctor's message stays the doctor's", "dr.grey", notice.getRecipientRef());
        assertEquals(Map.of("EMAIL", true, "SMS", true, "PAGER", true), choices(ANA));
        assertEquals(Map.of(), choices(ANA_OLD));
        assertEquals(Map.of("SMS", true), choices(BEN));
        assertEquals(ANA, db.jpa.call(em -> em.createQuery("SELECT r FROM ReminderEntity r WHERE r.appointmentId"
                + " = 'appt-1'", ReminderEntity.class).getSingleResult()).getPatientId());
        assertEquals(1, audit.with("MERGE", "notification", AuditOutcome.SUCCESS).size());

        ParticipantOutcome again = privacy.merge(ANA, ANA_OLD);
        assertTrue("a repeated merge finds nothing", again.items().stream().allMatch(i -> i.count() == 0));
        assertEquals(Map.of("EMAIL", true, "SMS", true, "PAGER", true), choices(ANA));
    }

    @Test
    public void theExportListsHerChoicesMessagesAndRemindersWithoutAddresses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(null), out);
        JsonNode data = JSON.readTree(out.toByteArray());

        assertEquals(4, data.get("preferences").size());
        assertEquals(3, data.get("messages").size());
        JsonNode first = data.get("messages").get(0);
        assertEquals("EMAIL", first.get("channel").asText());
        assertEquals("AppointmentBooked", first.get("eventType").asText());
        assertEquals("SENT", first.get("status").asText());
        assertEquals("Your appointment on Monday", first.get("subject").asText());
        assertEquals("2026-12-06T08:00:00Z", first.get("createdAt").asText());
        assertEquals("2026-12-06T08:00:01Z", first.get("sentAt").asText());
        assertTrue(data.get("messages").get(1).get("sentAt").isNull());
        assertEquals(2, data.get("reminders").size());
        String text = out.toString("UTF-8");
        assertFalse("no address at all", text.contains("@"));
        assertFalse(text.contains("+4179"));
        assertFalse("not Ben's", text.contains("Tuesday"));

        ByteArrayOutputStream nobody = new ByteArrayOutputStream();
        privacy.export(new PrivacySubject(List.of("MRN-0404"), null, null, null, null, Instant.now()), nobody);
        assertEquals("{\"preferences\":[],\"messages\":[],\"reminders\":[]}", nobody.toString("UTF-8"));
    }

    @Test
    public void anErasureEmptiesHerMessagesAndRemindersAndARepeatFindsNothingLeft() {
        ParticipantOutcome outcome = privacy.erase(subject("FULL"));

        assertEquals(List.of(4L, 1L, 1L), outcome.items(Action.REMOVED).stream().map(ParticipantOutcome.Item::count)
                .toList());
        assertEquals(List.of(3L, 2L), outcome.items(Action.ANONYMISED).stream()
                .map(ParticipantOutcome.Item::count).toList());
        assertEquals(List.of(3L), outcome.items(Action.KEPT).stream().map(ParticipantOutcome.Item::count).toList());
        assertEquals(Map.of(), choices(ANA));
        assertEquals(Map.of(), choices(ANA_OLD));
        for (String id : List.of(oldBooking, queuedReminder, doctorsNotice)) {
            NotificationEntity n = find(id);
            assertNull(n.getAddress());
            assertNull(n.getSubject());
            assertNull(n.getBody());
        }
        assertEquals("CANCELLED", find(queuedReminder).getStatus());
        assertEquals("cancelled: the patient was erased", find(queuedReminder).getLastAnswer());
        List<AttemptEntity> log = db.jpa.call(em -> em.createQuery("SELECT a FROM AttemptEntity a",
                AttemptEntity.class).getResultList());
        assertEquals(1, log.size());
        assertEquals(queuedReminder, log.get(0).getNotificationId());
        assertEquals("CANCELLED", log.get(0).getOutcome());
        assertEquals("privacy", log.get(0).getActor());
        assertEquals("SENT", find(oldBooking).getStatus());
        List<ReminderEntity> reminders = db.jpa.call(em -> em.createQuery("SELECT r FROM ReminderEntity r"
                + " ORDER BY r.appointmentId", ReminderEntity.class).getResultList());
        assertEquals(List.of("FIRED", "CANCELLED", "SCHEDULED"), reminders.stream().map(ReminderEntity::getStatus)
                .toList());
        assertEquals(List.of("{}", "{}"), reminders.subList(0, 2).stream().map(ReminderEntity::getPayload).toList());
        assertEquals("Ben's untouched", "ben@example.org", find(bensBooking).getAddress());
        assertEquals("QUEUED", find(bensBooking).getStatus());
        assertTrue(reminders.get(2).getPayload().contains(BEN));
        assertEquals(Map.of("SMS", true), choices(BEN));

        ParticipantOutcome again = privacy.erase(subject("FULL"));
        assertTrue(again.toString(), again.items().stream().filter(i -> i.action() != Action.KEPT)
                .allMatch(i -> i.count() == 0));
        assertEquals(2, audit.with("ERASE", "notification", AuditOutcome.SUCCESS).size());
        assertEquals("no second log line", 1L, (long) db.jpa.call(em -> em.createQuery(
                "SELECT COUNT(a) FROM AttemptEntity a", Long.class).getSingleResult()));
        assertEquals("REMOVED 4 opt-outs per channel; REMOVED 1 queued messages (cancelled); ANONYMISED 3 messages"
                + " (address, subject and text removed); KEPT 3 message rows; REMOVED 1 scheduled reminders"
                + " (cancelled); ANONYMISED 2 reminder payloads (emptied)",
                audit.with("ERASE", "notification", AuditOutcome.SUCCESS).get(0).detail());
    }

    private static PrivacySubject subject(String scope) {
        return new PrivacySubject(List.of(ANA, ANA_OLD), null, List.of(new PrivacySubject.Name("Ana", "Family")),
                null, scope, Hospital.MORNING);
    }

    private NotificationEntity find(String id) {
        return db.jpa.call(em -> em.find(NotificationEntity.class, id));
    }

    private Map<String, Boolean> choices(String mrn) {
        return db.jpa.call(em -> em.createQuery("SELECT p FROM PreferenceEntity p WHERE p.patientId = :m",
                PreferenceEntity.class).setParameter("m", mrn).getResultList()).stream()
                .collect(java.util.stream.Collectors.toMap(PreferenceEntity::getChannel, PreferenceEntity::isOptedOut));
    }

    private void preference(String mrn, String channel, boolean out) {
        db.jpa.run(em -> {
            PreferenceEntity p = new PreferenceEntity();
            p.setPatientId(mrn);
            p.setChannel(channel);
            p.setOptedOut(out);
            p.setUpdatedMs(1);
            p.setUpdatedBy("reception.1");
            em.persist(p);
        });
    }

    private void reminder(String mrn, String appointmentId, String status, long fireAt) {
        db.jpa.run(em -> {
            ReminderEntity r = new ReminderEntity();
            r.setId(UUID.randomUUID().toString());
            r.setAppointmentId(appointmentId);
            r.setRuleId("appointment-reminder-sms");
            r.setPatientId(mrn);
            r.setAppointmentStart("2026-12-08T09:30:00Z");
            r.setFireAtMs(fireAt);
            r.setStatus(status);
            r.setPayload("{\"appointmentId\":\"" + appointmentId + "\",\"patientId\":\"" + mrn
                    + "\",\"doctorName\":\"Dr Grey\"}");
            r.setUpdatedMs(1);
            em.persist(r);
        });
    }
}
