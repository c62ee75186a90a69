package org.pavilion.hl7.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.privacy.TextScan;
import org.pavilion.hl7.internal.MessageStore.Hl7StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HL7 hub's part in a patient's GDPR export and erasure: the stored inbound messages ({@code hl7_message}: the
 * text as received and as edited, and the ACK) and the outbound queue ({@code hl7_outbound}, keyed by MRN).
 *
 * <p>The inbound store has no patient column (the hub stores a message before anyone knows whose it is, and a column
 * filled afterwards would cost the ADT path a write per message): the patient's messages are found by their
 * identifiers, a {@code LIKE} pre-filter on the text per identifier value (a full scan of the table, acceptable for a
 * rare operation: see the hub's README for the figures) and then PID-3/MRG-1 read in Java.
 *
 * <p>Erasure anonymises, it does not delete: the row, MSH and the non-personal segments stay, so the hub's history
 * of what was received and how it was answered (duplicate detection by control id, the route cursors) is intact.
 * Queued outbound messages of the patient are withdrawn (FAILED) rather than sent blank.
 */
@Component(service = PrivacyParticipant.class)
public class HubPrivacy implements PrivacyParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(HubPrivacy.class);
    static final String WITHDRAWN = "withdrawn: the patient's data was erased (GDPR) before it was sent";

    private final DataSource dataSource;

    @Activate
    public HubPrivacy(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "hl7-hub";
    }

    @Override
    public String title() {
        return "HL7 hub: stored inbound messages and outbound queue";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        return ParticipantOutcome.builder().kept("stored inbound and outbound messages", null, "nothing to re-point: "
                + "a message keeps the identifiers it was exchanged with (a record of what was sent); the EMR maps "
                + "those identifiers to the survivor").build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection();
             JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("inboundMessages");
            for (String id : inboundOf(c, subject)) {
                try (PreparedStatement s = c.prepareStatement("SELECT id, received_ms, sender, message_type, "
                        + "control_id, status, raw_text, original_text, ack_text FROM hl7_message WHERE id = ?")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            json.writeStartObject();
                            json.writeStringField("id", rs.getString(1));
                            json.writeStringField("receivedAt", Instant.ofEpochMilli(rs.getLong(2)).toString());
                            json.writeStringField("sender", rs.getString(3));
                            json.writeStringField("messageType", rs.getString(4));
                            json.writeStringField("controlId", rs.getString(5));
                            json.writeStringField("status", rs.getString(6));
                            json.writeStringField("text", rs.getString(7));
                            json.writeStringField("originalText", rs.getString(8));
                            json.writeStringField("ackText", rs.getString(9));
                            json.writeEndObject();
                        }
                    }
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("outboundMessages");
            try (PreparedStatement s = c.prepareStatement("SELECT feed, event_type, message_type, control_id, status,"
                    + " created_ms, message_text, ack_text FROM hl7_outbound WHERE " + outboundWhere(subject)
                    + " ORDER BY id")) {
                bindOutbound(s, subject);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        json.writeStartObject();
                        json.writeStringField("feed", rs.getString(1));
                        json.writeStringField("eventType", rs.getString(2));
                        json.writeStringField("messageType", rs.getString(3));
                        json.writeStringField("controlId", rs.getString(4));
                        json.writeStringField("status", rs.getString(5));
                        json.writeStringField("createdAt", Instant.ofEpochMilli(rs.getLong(6)).toString());
                        json.writeStringField("text", rs.getString(7));
                        json.writeStringField("ackText", rs.getString(8));
                        json.writeEndObject();
                    }
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (SQLException e) {
            throw new Hl7StoreException("reading the patient's HL7 messages failed", e);
        }
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        long started = System.nanoTime();
        int[] counts; // inbound anonymised, outbound anonymised, outbound withdrawn
        try {
            counts = TextScan.inOneTransaction(dataSource, c -> {
                int inbound = 0;
                for (String id : inboundOf(c, subject)) {
                    inbound += anonymiseInbound(c, id, subject);
                }
                int[] outbound = anonymiseOutbound(c, subject);
                return new int[] {inbound, outbound[0], outbound[1]};
            });
        } catch (SQLException e) {
            throw new Hl7StoreException("erasing the patient's HL7 messages failed", e);
        }
        // No MRN in the log: the erasure's audit record names the patient.
        LOG.info("Erasure: {} inbound and {} outbound HL7 messages anonymised in {} ms",
                counts[0], counts[1], (System.nanoTime() - started) / 1_000_000);
        ParticipantOutcome.Builder b = ParticipantOutcome.builder()
                .anonymised("stored inbound messages (text, edited text, ACK)", counts[0], "the patient's segments "
                        + "(PID, PD1, NK1, IN1-3, GT1, MRG) emptied and their names and birth date blanked; MSH and the "
                        + "row stay as the record of what was received and answered")
                .anonymised("outbound messages", counts[1], "the same, in the messages built for other systems");
        if (counts[2] > 0) {
            b.removed("queued outbound messages withdrawn", counts[2], "not sent: they would carry no patient; "
                    + "shown as FAILED with the reason");
        }
        if (subject.identifiers().isEmpty()) {
            b.kept("stored inbound messages", null, "the EMR holds no external identifier of the patient, so no "
                    + "received message can name them");
        }
        return b.build();
    }

    /** Ids of inbound messages whose PID-3 or MRG-1 names one of the subject's identifiers. */
    private static List<String> inboundOf(Connection c, PrivacySubject subject) throws SQLException {
        List<String> ids = TextScan.find(c, "SELECT id, raw_text, original_text FROM hl7_message"
                + " WHERE raw_text LIKE ? ESCAPE '\\' OR original_text LIKE ? ESCAPE '\\'",
                subject.identifiers().stream().map(PrivacySubject.Identifier::value).toList(),
                (query, pattern) -> {
                    query.setString(1, pattern);
                    query.setString(2, pattern);
                },
                // The value may occur anywhere in the text; PID-3/MRG-1 decide.
                row -> Hl7Anonymiser.names(row.getString(2), subject.identifiers())
                        || Hl7Anonymiser.names(row.getString(3), subject.identifiers()) ? row.getString(1) : null);
        return ids.stream().sorted().toList();
    }

    private static int anonymiseInbound(Connection c, String id, PrivacySubject subject) throws SQLException {
        String raw;
        String original;
        String ack;
        try (PreparedStatement s = c.prepareStatement("SELECT raw_text, original_text, ack_text FROM hl7_message "
                + "WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                raw = rs.getString(1);
                original = rs.getString(2);
                ack = rs.getString(3);
            }
        }
        String raw2 = Hl7Anonymiser.anonymise(raw, subject);
        String original2 = Hl7Anonymiser.anonymise(original, subject);
        String ack2 = Hl7Anonymiser.anonymise(ack, subject);
        if (Objects.equals(raw, raw2) && Objects.equals(original, original2) && Objects.equals(ack, ack2)) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE hl7_message SET raw_text = ?, original_text = ?, "
                + "ack_text = ? WHERE id = ?")) {
            s.setString(1, raw2);
            s.setString(2, original2);
            s.setString(3, ack2);
            s.setString(4, id);
            return s.executeUpdate();
        }
    }

    /** Returns {anonymised, withdrawn}. */
    private static int[] anonymiseOutbound(Connection c, PrivacySubject subject) throws SQLException {
        int changed = 0;
        int withdrawn = 0;
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, message_text, ack_text, status FROM hl7_outbound"
                + " WHERE " + outboundWhere(subject) + " ORDER BY id FOR UPDATE")) {
            bindOutbound(s, subject);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        long now = System.currentTimeMillis();
        for (Object[] r : rows) {
            String text = Hl7Anonymiser.anonymise((String) r[1], subject);
            String ack = Hl7Anonymiser.anonymise((String) r[2], subject);
            boolean pending = "PENDING".equals(r[3]);
            if (Objects.equals(text, r[1]) && Objects.equals(ack, r[2]) && !pending) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE hl7_outbound SET message_text = ?, ack_text = ?,"
                    + " status = ?, last_error = ?, updated_ms = ? WHERE id = ?")) {
                s.setString(1, text);
                s.setString(2, ack);
                s.setString(3, pending ? "FAILED" : (String) r[3]);
                s.setString(4, pending ? WITHDRAWN : null);
                s.setLong(5, now);
                s.setLong(6, (Long) r[0]);
                s.executeUpdate();
            }
            changed++;
            withdrawn += pending ? 1 : 0;
        }
        return new int[] {changed, withdrawn};
    }

    private static String outboundWhere(PrivacySubject subject) {
        String marks = String.join(", ", Collections.nCopies(subject.mrns().size(), "?"));
        return "patient_key IN (" + marks + ") OR related_key IN (" + marks + ")";
    }

    private static void bindOutbound(PreparedStatement s, PrivacySubject subject) throws SQLException {
        int i = 1;
        for (int round = 0; round < 2; round++) {
            for (String mrn : subject.mrns()) {
                s.setString(i++, mrn);
            }
        }
    }
}
