package org.pavilion.hl7.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * The hub's privacy participant on its real change log. The lab system registered María López as P-77 (A04), later
 * merged her second registration P-78 into it (A40); another patient's A04 mentions "P-77" in a free-text field.
 * The ADT feed to the pharmacy has one sent and one still queued message for her MRN.
 */
public class HubPrivacyTest {

    private static final String MRN = "0000004269";
    private static final String A04 = "MSH|^~\\&|LAB|NORTH|PAVILION|H|20261203101500||ADT^A04|C-1|P|2.5\r"
            + "EVN|A04|20261203101500\r"
            + "PID|1||P-77^^^LAB~AB123456^^^NATIONAL||López^María||19840301|F|||Calle Mayor 1^^Madrid||600123456\r"
            + "NK1|1|López^Juan|SPO\r"
            + "PV1|1|O|||||||||||||||||V-9\r"
            + "NTE|1||María López called about 19840301 results\r";
    private static final String A40 = "MSH|^~\\&|LAB|NORTH|PAVILION|H|20261203111500||ADT^A40|C-2|P|2.5\r"
            + "EVN|A40|20261203111500\r"
            + "PID|1||P-77^^^LAB||López^María\r"
            + "MRG|P-78^^^LAB\r";
    private static final String OTHER = "MSH|^~\\&|LAB|NORTH|PAVILION|H|20261203121500||ADT^A04|C-3|P|2.5\r"
            + "PID|1||Q-1^^^LAB||Ruiz^Pedro||19700101|M\r"
            + "NTE|1||referred by P-77's doctor\r";
    private static final String ACK = "MSH|^~\\&|PAVILION|H|LAB|NORTH|20261203101501||ACK^A04|A-1|P|2.5\rMSA|AA|C-1\r";

    private HubDatabase db;
    private HubPrivacy hub;

    @Before
    public void setUp() throws Exception {
        db = new HubDatabase();
        hub = new HubPrivacy(db.dataSource);
        inbound("m-1", "C-1", A04, ACK);
        inbound("m-2", "C-2", A40, null);
        inbound("m-3", "C-3", OTHER, null);
        outbound(1, "SENT", MRN);
        outbound(2, "PENDING", MRN);
        outbound(3, "PENDING", "0000004463");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void anErasureBlanksThePatientInHerMessagesOnlyKeepingTheRowsAndHeaders() throws Exception {
        ParticipantOutcome outcome = hub.erase(subject());

        String raw = db.text("SELECT raw_text FROM hl7_message WHERE id = ?", "m-1");
        assertFalse(raw, raw.contains("López") || raw.contains("María") || raw.contains("19840301")
                || raw.contains("P-77") || raw.contains("Calle Mayor"));
        assertTrue(raw, raw.startsWith("MSH|^~\\&|LAB|NORTH|PAVILION|H|20261203101500||ADT^A04|C-1|P|2.5\r"));
        assertTrue(raw, raw.contains("\rPID|\rNK1|\rPV1|1|O|||||||||||||||||V-9\r"));
        assertTrue(raw, raw.contains("NTE|1||ERASED ERASED called about ERASED results"));
        assertEquals(ACK, db.text("SELECT ack_text FROM hl7_message WHERE id = ?", "m-1"));
        String merge = db.text("SELECT raw_text FROM hl7_message WHERE id = ?", "m-2");
        assertTrue(merge, merge.endsWith("PID|\rMRG|\r"));
        assertEquals("another patient's message mentioning the value is untouched", OTHER,
                db.text("SELECT raw_text FROM hl7_message WHERE id = ?", "m-3"));

        assertEquals(Long.valueOf(2), outcome.items(Action.ANONYMISED).get(0).count());
        assertEquals(Long.valueOf(2), outcome.items(Action.ANONYMISED).get(1).count());
        assertEquals(Long.valueOf(1), outcome.items(Action.REMOVED).get(0).count());
        assertEquals("SENT", db.text("SELECT status FROM hl7_outbound WHERE id = ?", 1L));
        assertEquals("FAILED", db.text("SELECT status FROM hl7_outbound WHERE id = ?", 2L));
        assertEquals(HubPrivacy.WITHDRAWN, db.text("SELECT last_error FROM hl7_outbound WHERE id = ?", 2L));
        assertFalse(db.text("SELECT message_text FROM hl7_outbound WHERE id = ?", 1L).contains("López"));
        assertEquals("PENDING", db.text("SELECT status FROM hl7_outbound WHERE id = ?", 3L));

        ParticipantOutcome again = hub.erase(subject());
        assertEquals("idempotent: nothing left", Long.valueOf(0), again.items(Action.ANONYMISED).get(0).count());
        assertEquals(Long.valueOf(0), again.items(Action.ANONYMISED).get(1).count());
        assertTrue(again.items(Action.REMOVED).isEmpty());
    }

    @Test
    public void theExportHoldsHerInboundAndOutboundMessagesAndAMergeHasNothingToRepoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hub.export(subject(), out);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, json.get("inboundMessages").size());
        assertEquals("C-1", json.get("inboundMessages").get(0).get("controlId").asText());
        assertEquals(A04, json.get("inboundMessages").get(0).get("text").asText());
        assertEquals(2, json.get("outboundMessages").size());

        ParticipantOutcome merge = hub.merge(MRN, "0000004366");
        assertEquals(Action.KEPT, merge.items().get(0).action());
        assertNull(merge.items().get(0).count());
        assertTrue(merge.items().get(0).why().startsWith("nothing to re-point"));
    }

    /**
     * The inbound store has no patient column: the erasure scans it. {@code -Dpavilion.bench.hub.messages=100000}
     * stores that many other patients' messages first and prints how long finding and anonymising hers takes.
     */
    @Test
    public void findingHerMessagesAmongManyOthers() throws Exception {
        int n = Integer.getInteger("pavilion.bench.hub.messages", 0);
        Assume.assumeTrue("set pavilion.bench.hub.messages to measure", n > 0);
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT_MESSAGE)) {
                for (int i = 0; i < n; i++) {
                    String text = OTHER.replace("C-3", "B-" + i).replace("Q-1", "Q-" + i).replace("P-77", "R-" + i);
                    bind(s, "b-" + i, "B-" + i, text, ACK);
                    s.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
                c.commit();
            }
        }
        long t0 = System.nanoTime();
        ParticipantOutcome outcome = hub.erase(subject());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("HubPrivacy erase among " + n + " other messages ("
                + System.getProperty("pavilion.test.postgres", "H2").replaceAll("\\?.*", "") + "): " + ms + " ms, "
                + outcome);
        assertEquals(Long.valueOf(2), outcome.items(Action.ANONYMISED).get(0).count());
    }

    private static PrivacySubject subject() {
        return new PrivacySubject(List.of(MRN, "0000004366"), List.of(new PrivacySubject.Identifier("LAB", "P-77"),
                new PrivacySubject.Identifier("LAB", "P-78")), List.of(new PrivacySubject.Name("María", "López")),
                List.of("1984-03-01"), "FULL", Instant.now());
    }

    private static final String INSERT_MESSAGE = "INSERT INTO hl7_message (id, listener, sender, control_id,"
            + " message_type, hl7_version, charset, size_bytes, status, raw_text, ack_code, ack_text, attempts,"
            + " received_ms) VALUES (?, 'adt', 'LAB|NORTH', ?, 'ADT^A04', '2.5', 'UTF-8', ?, 'PROCESSED', ?, 'AA', ?,"
            + " 1, 1764756900000)";

    private static void bind(PreparedStatement s, String id, String controlId, String text, String ack)
            throws java.sql.SQLException {
        s.setString(1, id);
        s.setString(2, controlId);
        s.setInt(3, text.length());
        s.setString(4, text);
        s.setString(5, ack);
    }

    private void inbound(String id, String controlId, String text, String ack) throws Exception {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_MESSAGE)) {
            bind(s, id, controlId, text, ack);
            s.executeUpdate();
        }
    }

    private void outbound(long id, String status, String mrn) throws Exception {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO hl7_outbound (id, feed, event_id, event_type, patient_key, message_type, control_id,"
                        + " hl7_version, message_text, status, attempts, next_attempt_ms, occurred_ms, created_ms,"
                        + " updated_ms) VALUES (?, 'pharmacy', ?, 'PatientRegistered', ?, 'ADT^A04', ?, '2.5', ?, ?,"
                        + " 0, 0, 0, 0, 0)")) {
            s.setLong(1, id);
            s.setString(2, "e-" + id);
            s.setString(3, mrn);
            s.setString(4, "O-" + id);
            s.setString(5, A04.replace("P-77^^^LAB", mrn + "^^^PAVILION"));
            s.setString(6, status);
            s.executeUpdate();
        }
    }
}
