package org.pavilion.scheduling.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.scheduling.internal.LifecycleDatabase;

/**
 * María López was registered twice (0000004269 and 0000004366). Under the duplicate she had a completed visit with
 * Dr Ortiz last month (rated, with a comment) and a place on the dermatology waiting list with an open offer; under
 * the survivor a visit booked for next week. Pedro (0000004463) has a booked visit of his own. The merge moves
 * María's rows to the survivor, the export lists them, the erasure cancels next week's visit and frees its time,
 * takes her off the waiting list (withdrawing the offer), removes her comment and keeps last month's visit; each runs
 * again without harm and Pedro's data is never touched.
 */
public class SchedulingPrivacyTest {

    private static final String SURVIVOR = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String PEDRO = "0000004463";
    private static final long NOW = System.currentTimeMillis() / 3_600_000L * 3_600_000L;
    private static final long DAY = 86_400_000L;

    private LifecycleDatabase db;
    private SchedulingPrivacy privacy;

    @Before
    public void setUp() throws Exception {
        db = new LifecycleDatabase();
        privacy = new SchedulingPrivacy(db.emf);
        db.service("GP", "General practice", "Family medicine");
        db.service("DERM", "Dermatology consultation", "Dermatology");
        db.doctor("doc-ortiz", "Dr Elena Ortiz");
        db.doctor("doc-sato", "Dr Ken Sato");
        db.appointment("a-last-month", "doc-ortiz", "GP", DUPLICATE, NOW - 30 * DAY, "COMPLETED");
        db.appointment("a-next-week", "doc-ortiz", "GP", SURVIVOR, NOW + 7 * DAY, "BOOKED");
        db.appointment("a-pedro", "doc-ortiz", "GP", PEDRO, NOW + 8 * DAY, "BOOKED");
        db.update("INSERT INTO sched_feedback (appointment_id, doctor_id, patient_id, rating, comment, created_ms)"
                + " VALUES ('a-last-month', 'doc-ortiz', ?, 5, 'Dr Ortiz explained everything, María', ?)",
                DUPLICATE, NOW - 29 * DAY);
        db.update("INSERT INTO sched_waiting (id, patient_id, doctor_id, service_code, visit_type, from_day, to_day,"
                + " status, note, created_ms, updated_ms, version) VALUES ('w-maria', ?, NULL, 'DERM', 'IN_PERSON',"
                + " '2027-01-04', '2027-01-29', 'OFFERED', 'mornings only', ?, ?, 1)", DUPLICATE, NOW - DAY, NOW - DAY);
        db.update("INSERT INTO sched_waiting (id, patient_id, doctor_id, service_code, visit_type, from_day, to_day,"
                + " status, created_ms, updated_ms, version) VALUES ('w-pedro', ?, NULL, 'DERM', 'IN_PERSON',"
                + " '2027-01-04', '2027-01-29', 'WAITING', ?, ?, 1)", PEDRO, NOW - DAY, NOW - DAY);
        db.update("INSERT INTO sched_offer (id, waiting_id, doctor_id, location, starts_ms, ends_ms, expires_ms, status,"
                + " created_ms) VALUES ('o-1', 'w-maria', 'doc-sato', 'Room 2', ?, ?, ?, 'OPEN', ?)",
                NOW + 3 * DAY, NOW + 3 * DAY + 1_200_000L, NOW + 7_200_000L, NOW);
        db.hold("doc-sato", NOW + 3 * DAY, NOW + 3 * DAY + 1_200_000L, "offer:o-1");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aMergeRepointsAppointmentsWaitingEntriesAndRatingsAndRepeatingItMovesNothing() {
        ParticipantOutcome first = privacy.merge(SURVIVOR, DUPLICATE);
        assertEquals(List.of(1L, 1L, 1L), first.items(Action.REPOINTED).stream().map(i -> i.count()).toList());
        assertEquals(List.of("a-last-month", "a-next-week"), appointmentsOf(SURVIVOR));
        assertEquals(List.of(SURVIVOR), db.column("SELECT patient_id FROM sched_waiting WHERE id = 'w-maria'"));
        assertEquals(List.of(SURVIVOR), db.column("SELECT patient_id FROM sched_feedback"));
        assertEquals("2", db.value("SELECT version FROM sched_appointment WHERE id = 'a-last-month'"));

        ParticipantOutcome again = privacy.merge(SURVIVOR, DUPLICATE);
        assertEquals(List.of(0L, 0L, 0L), again.items(Action.REPOINTED).stream().map(i -> i.count()).toList());
        assertEquals(List.of("a-pedro"), appointmentsOf(PEDRO));
    }

    @Test
    public void theExportListsAppointmentsWithDoctorAndServiceTheWaitingListAndTheFeedback() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(), out);
        JsonNode data = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode appointments = data.get("appointments");
        assertEquals(2, appointments.size());
        JsonNode lastMonth = appointments.get(0);
        assertEquals("a-last-month", lastMonth.get("id").asText());
        assertEquals("Dr Elena Ortiz", lastMonth.get("doctorName").asText());
        assertEquals("General practice", lastMonth.get("serviceName").asText());
        assertEquals(Instant.ofEpochMilli(NOW - 30 * DAY).toString(), lastMonth.get("start").asText());
        assertEquals("COMPLETED", lastMonth.get("status").asText());
        assertEquals("BOOKED", appointments.get(1).get("status").asText());
        assertEquals("Dermatology consultation", data.get("waitingList").get(0).get("serviceName").asText());
        assertEquals(1, data.get("waitingList").size());
        assertEquals(5, data.get("feedback").get(0).get("rating").asInt());
        assertTrue(data.get("feedback").get(0).get("comment").asText().startsWith("Dr Ortiz explained"));
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains(PEDRO));
    }

    @Test
    public void anErasureCancelsTheFutureVisitClearsTheWaitingListAndCommentsKeepsThePastAndIsIdempotent() {
        ParticipantOutcome first = privacy.erase(subject());

        assertEquals("CANCELLED", db.value("SELECT status FROM sched_appointment WHERE id = 'a-next-week'"));
        assertEquals("patient erased", db.value("SELECT cancel_reason FROM sched_appointment WHERE id = 'a-next-week'"));
        assertEquals(0L, db.count("SELECT COUNT(*) FROM sched_slot_hold WHERE holder = 'a-next-week'"));
        assertEquals(List.of("CANCELLED"), db.column("SELECT action FROM sched_appointment_history"
                + " WHERE appointment_id = 'a-next-week'"));
        assertEquals("COMPLETED", db.value("SELECT status FROM sched_appointment WHERE id = 'a-last-month'"));
        assertEquals(List.of("a-pedro"), appointmentsOf(PEDRO));
        assertEquals(List.of("w-pedro"), db.column("SELECT id FROM sched_waiting"));
        assertEquals(0L, db.count("SELECT COUNT(*) FROM sched_offer"));
        assertEquals(0L, db.count("SELECT COUNT(*) FROM sched_slot_hold WHERE holder = 'offer:o-1'"));
        assertEquals(List.of("erased"), db.column("SELECT patient_id FROM sched_feedback"));
        assertNull(db.value("SELECT comment FROM sched_feedback"));
        assertEquals("5", db.value("SELECT rating FROM sched_feedback"));
        // Pedro's booking still holds its time
        assertEquals("BOOKED", db.value("SELECT status FROM sched_appointment WHERE id = 'a-pedro'"));
        assertEquals(4L, db.count("SELECT COUNT(*) FROM sched_slot_hold WHERE holder = 'a-pedro'"));

        assertEquals(1L, (long) first.items(Action.REMOVED).get(0).count());
        assertEquals(1L, (long) first.items(Action.REMOVED).get(1).count());
        assertEquals(1L, (long) first.items(Action.ANONYMISED).get(0).count());
        ParticipantOutcome.Item kept = first.items(Action.KEPT).get(0);
        assertEquals(2L, (long) kept.count());
        assertTrue(kept.why().contains("care record"));

        ParticipantOutcome again = privacy.erase(subject());
        assertEquals(List.of(0L, 0L), again.items(Action.REMOVED).stream().map(i -> i.count()).toList());
        assertEquals(0L, (long) again.items(Action.ANONYMISED).get(0).count());
        assertEquals(1L, db.count("SELECT COUNT(*) FROM sched_appointment_history"));
    }

    private static PrivacySubject subject() {
        return new PrivacySubject(List.of(SURVIVOR, DUPLICATE), List.of(),
                List.of(new PrivacySubject.Name("María", "López")), List.of("1984-03-01"), "FULL", Instant.ofEpochMilli(NOW));
    }

    private List<String> appointmentsOf(String mrn) {
        return db.column("SELECT id FROM sched_appointment WHERE patient_id = ? ORDER BY starts_ms", mrn);
    }
}
