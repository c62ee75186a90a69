package org.pavilion.events.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.TestDatabase;

/**
 * The event store's privacy participant on its real change log. María López (0000004269, with a merged duplicate
 * 0000004366) was registered and merged: her PatientRegistered is still waiting for the ward board, her
 * PatientsMerged was parked by the billing subscriber, an older update and a ward-round note were delivered
 * everywhere. These EMR events are keyed {@code patient:<MRN>} and found by the key (the note's payload does not even
 * carry her MRN); the visitor log's check-in (no key) and the clinic's booking (keyed by the appointment) are found
 * by the MRN in their payloads. Pedro's events and the erasure's own PatientErased must stay as they are.
 */
public class EventPrivacyTest {

    private static final String MRN = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final long BEFORE = 1_764_756_000_000L;

    private TestDatabase db;
    private EventPrivacy privacy;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase();
        privacy = new EventPrivacy(db.dataSource);
        event("e-updated", "PatientUpdated", "patient:" + MRN, "{\"mrn\":\"" + MRN + "\",\"givenName\":\"María\"}",
                BEFORE, true, "DELIVERED");
        event("e-registered", "PatientRegistered", "patient:" + MRN, "{\"mrn\":\"" + MRN + "\",\"givenName\":"
                + "\"María\",\"familyName\":\"López\",\"birthDate\":\"1984-03-01\"}", BEFORE + 1, true, "PENDING");
        event("e-merged", "PatientsMerged", "patient:" + DUPLICATE, "{\"survivorMrn\":\"" + MRN
                + "\",\"duplicateMrn\":\"" + DUPLICATE + "\",\"duplicateFamilyName\":\"Lopez\"}", BEFORE + 2, true,
                "PARKED");
        event("e-visit", "VisitorCheckedIn", null, "{\"visit\":{\"patientId\":\"" + DUPLICATE + "\"}}", BEFORE + 3,
                false, null);
        event("e-pedro", "PatientRegistered", "patient:0000004463", "{\"mrn\":\"0000004463\",\"note\":\"not " + MRN
                + "\"}", BEFORE + 4, false, null);
        event("e-note", "NoteAdded", "patient:" + MRN, "{\"encounter\":\"E-12\",\"text\":\"María López seen on the "
                + "ward round\"}", BEFORE + 5, true, "DELIVERED");
        event("e-booked", "AppointmentBooked", "appointment:APT-7", "{\"appointment\":\"APT-7\",\"patientMrn\":\""
                + MRN + "\"}", BEFORE + 6, false, null);
        event("e-erased", "PatientErased", "patient:" + MRN, "{\"mrn\":\"" + MRN + "\",\"scope\":\"FULL\"}",
                BEFORE + 100, false, null);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void anErasureRedactsHerPayloadsInEveryStateAndLeavesOthersAndItsOwnAnnouncement() throws Exception {
        ParticipantOutcome outcome = privacy.erase(subject());

        for (String id : List.of("e-updated", "e-registered", "e-merged", "e-note", "e-visit", "e-booked")) {
            JsonNode payload = new ObjectMapper().readTree(payload(id));
            assertTrue(id + " redacted: " + payload, payload.get("redacted").asBoolean());
            assertFalse(payload.toString().contains(MRN) || payload.toString().contains("María"));
        }
        assertTrue("keyed to another patient", payload("e-pedro").contains("0000004463"));
        assertTrue("published after the erasure began", payload("e-erased").contains(MRN));
        assertEquals("deliveries are kept as they were", "PENDING", status("e-registered"));
        assertEquals("PARKED", status("e-merged"));

        List<ParticipantOutcome.Item> items = outcome.items(Action.ANONYMISED);
        assertEquals("undelivered: the pending delivery and the two unrelayed events", Long.valueOf(3),
                items.get(0).count());
        assertEquals(Long.valueOf(1), items.get(1).count());
        assertEquals("delivered: the update and the note", Long.valueOf(2), items.get(2).count());
        assertEquals("idempotent", List.of(0L, 0L, 0L), privacy.erase(subject()).items(Action.ANONYMISED).stream()
                .map(ParticipantOutcome.Item::count).toList());
    }

    @Test
    public void keyedEventsAreFoundByTheirSubjectKeyNotByScanningPayloads() throws Exception {
        // A keyed event is hers by its key alone; a payload scan would not find this one (no MRN in it).
        event("e-allergy", "AllergyRecorded", "patient:" + DUPLICATE, "{\"substance\":\"penicillin\"}", BEFORE + 7,
                false, null);
        // And a payload naming her under another patient's key stays: the key says whose event it is.
        event("e-pedro-2", "NoteAdded", "patient:0000004463", "{\"mentions\":\"" + MRN + "\"}", BEFORE + 8, false,
                null);
        privacy.erase(subject());
        assertTrue(payload("e-allergy").contains("\"redacted\":true"));
        assertTrue(payload("e-pedro-2").contains(MRN));
    }

    @Test
    public void theExportListsHerEventsWithTheirPayloadsAndAMergeHasNothingToRepoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(), out);
        JsonNode events = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("events");
        // Found by key or by payload, listed as they happened; PatientErased too: an export has no start.
        assertEquals(List.of("e-updated", "e-registered", "e-merged", "e-visit", "e-note", "e-booked", "e-erased"),
                ids(events));
        assertEquals("López", events.get(1).get("payload").get("familyName").asText());
        assertEquals(Action.KEPT, privacy.merge(MRN, DUPLICATE).items().get(0).action());
    }

    private static PrivacySubject subject() {
        return new PrivacySubject(List.of(MRN, DUPLICATE), List.of(), List.of(new PrivacySubject.Name("María",
                "López")), List.of("1984-03-01"), "FULL", Instant.ofEpochMilli(BEFORE + 50));
    }

    private static List<String> ids(JsonNode events) {
        List<String> ids = new java.util.ArrayList<>();
        events.forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    private void event(String id, String type, String subjectKey, String payload, long occurredMs, boolean relayed,
            String delivery)
            throws Exception {
        try (Connection c = db.dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(EventStore.INSERT_OUTBOX)) {
                s.setString(1, id);
                s.setString(2, type);
                s.setString(3, payload);
                s.setString(4, "org.pavilion.emr");
                s.setLong(5, occurredMs);
                s.setString(6, subjectKey);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE events_outbox SET relayed = ? WHERE id = ?")) {
                s.setBoolean(1, relayed);
                s.setString(2, id);
                s.executeUpdate();
            }
            if (delivery != null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO events_delivery (id, event_id, subscriber,"
                        + " status, attempts, next_attempt_ms, created_ms, updated_ms) VALUES (?, ?, 'ward-board', ?,"
                        + " 0, 0, 0, 0)")) {
                    s.setString(1, "d-" + id);
                    s.setString(2, id);
                    s.setString(3, delivery);
                    s.executeUpdate();
                }
            }
        }
    }

    private String payload(String id) throws Exception {
        return one("SELECT payload FROM events_outbox WHERE id = ?", id);
    }

    private String status(String id) throws Exception {
        return one("SELECT status FROM events_delivery WHERE event_id = ?", id);
    }

    private String one(String sql, String id) throws Exception {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
