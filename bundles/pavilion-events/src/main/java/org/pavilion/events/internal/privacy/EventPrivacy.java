package org.pavilion.events.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.events.internal.EventStoreException;

/**
 * The event store's part in a patient's GDPR export and erasure: the payloads in {@code events_outbox} that name one
 * of the patient's MRNs (any string value of the payload, found by a {@code LIKE} pre-filter on the quoted MRN and
 * then read as JSON). Erasure replaces each such payload by a redaction marker,
 * {@code {"redacted": true, "reason": "...", "redactedAt": "..."}}: the row and its deliveries stay, so the relay's
 * bookkeeping is untouched; a subscriber still to receive it gets the marker (and can tell it from a real event by
 * {@code redacted}), and an administrator sees it among the dead letters. Events recorded after the erasure began
 * (its own {@code PatientErased}) are not the patient's data and are left alone. A merge has nothing to re-point:
 * events record what happened under the MRN of the time, and {@code PatientsMerged} tells subscribers.
 */
public class EventPrivacy implements PrivacyParticipant {

    static final String REASON = "the patient's data was erased (GDPR)";
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final DataSource dataSource;

    public EventPrivacy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String title() {
        return "Event store: event payloads (undelivered, parked, delivered)";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        return ParticipantOutcome.builder().kept("event payloads", null, "nothing to re-point: an event records what "
                + "happened under the MRN of the time; PatientsMerged tells subscribers of the merge").build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Row> rows = rowsOf(c, subject, Long.MAX_VALUE);
            List<Map<String, Object>> events = rows.values().stream().map(r -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", r.id);
                e.put("type", r.type);
                e.put("occurredAt", Instant.ofEpochMilli(r.occurredMs).toString());
                e.put("payload", r.payload);
                return e;
            }).toList();
            JSON.writeValue(out, Map.of("events", events));
        } catch (SQLException e) {
            throw new EventStoreException("reading the patient's events failed", e);
        }
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        long now = System.currentTimeMillis();
        long undelivered = 0;
        long parked = 0;
        long delivered = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Row> rows = rowsOf(c, subject, subject.requestedAt().toEpochMilli());
                ObjectNode marker = JSON.createObjectNode().put("redacted", true).put("reason", REASON)
                        .put("redactedAt", Instant.ofEpochMilli(now).toString());
                String redacted = marker.toString(); // JsonNode.toString is its JSON
                try (PreparedStatement update = c.prepareStatement("UPDATE events_outbox SET payload = ? WHERE id = ?");
                     PreparedStatement states = c.prepareStatement("SELECT status FROM events_delivery WHERE event_id = ?")) {
                    for (Row r : rows.values()) {
                        update.setString(1, redacted);
                        update.setString(2, r.id);
                        update.executeUpdate();
                        Set<String> seen = new java.util.HashSet<>();
                        states.setString(1, r.id);
                        try (ResultSet rs = states.executeQuery()) {
                            while (rs.next()) {
                                seen.add(rs.getString(1));
                            }
                        }
                        if (!r.relayed || seen.contains("PENDING")) {
                            undelivered++;
                        } else if (seen.contains("PARKED")) {
                            parked++;
                        } else {
                            delivered++;
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException("redacting the patient's events failed", e);
        }
        return ParticipantOutcome.builder()
                .anonymised("undelivered event payloads", undelivered, "replaced by a redaction marker: subscribers "
                        + "still to receive them get {\"redacted\": true} instead of the patient's data")
                .anonymised("parked event payloads (dead letters)", parked, "replaced by a redaction marker the "
                        + "administrator sees among the dead letters; a replay delivers the marker")
                .anonymised("delivered event payloads", delivered, "replaced by a redaction marker until the store "
                        + "purges them; the subscribers' own copies are theirs to erase (PatientErased)")
                .build();
    }

    private record Row(String id, String type, long occurredMs, boolean relayed, JsonNode payload) {
    }

    /** Outbox rows recorded before {@code before} whose payload has a string value equal to one of the MRNs. */
    private static Map<String, Row> rowsOf(Connection c, PrivacySubject subject, long before) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String mrn : subject.mrns()) {
            try (PreparedStatement s = c.prepareStatement("SELECT id, event_type, occurred_ms, relayed, payload"
                    + " FROM events_outbox WHERE payload LIKE ? AND occurred_ms < ? ORDER BY occurred_ms, id")) {
                // MRNs are digits only: nothing to escape in the pattern. A pre-filter; the JSON decides.
                s.setString(1, "%\"" + mrn + "\"%");
                s.setLong(2, before);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (rows.containsKey(id)) {
                            continue;
                        }
                        JsonNode payload = read(rs.getString(5));
                        if (payload != null && namesAny(payload, subject.mrns())) {
                            rows.put(id, new Row(id, rs.getString(2), rs.getLong(3), rs.getBoolean(4), payload));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null; // not JSON: cannot be a payload naming the patient by field
        }
    }

    private static boolean namesAny(JsonNode node, List<String> mrns) {
        if (node.isTextual()) {
            return mrns.contains(node.asText());
        }
        for (JsonNode child : node) {
            if (namesAny(child, mrns)) {
                return true;
            }
        }
        return false;
    }
}
