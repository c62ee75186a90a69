package org.pavilion.events.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.privacy.TextScan;
import org.pavilion.events.internal.EventStoreException;

/**
 * The event store's part in a patient's GDPR export and erasure: the events in {@code events_outbox} keyed
 * {@code patient:<MRN>} with one of the patient's MRNs (found by the subject key's index; every EMR event is keyed so),
 * and the events without a patient key whose payload names one of the MRNs (any string value of the payload, found by
 * a {@code LIKE} pre-filter on the quoted MRN and then read as JSON). Erasure replaces each such payload by a redaction marker,
 * {@code {"redacted": true, "reason": "...", "redactedAt": "..."}}: the row and its deliveries stay, so the relay's
 * bookkeeping is untouched; a subscriber still to receive it gets the marker (and can tell it from a real event by
 * {@code redacted}), and an administrator sees it among the dead letters. Events recorded after the erasure began
 * (its own {@code PatientErased}) are not the patient's data and are left alone. A merge has nothing to re-point:
 * events record what happened under the MRN of the time, and {@code PatientsMerged} tells subscribers.
 */
public class EventPrivacy implements PrivacyParticipant {

    static final String REASON = "the patient's data was erased (GDPR)";
    /** How the EMR keys every event about a patient. */
    static final String PATIENT_KEY = "patient:";
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
            List<Map<String, Object>> events = rowsOf(c, subject, Long.MAX_VALUE).stream().map(r -> {
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
        long[] counts; // undelivered, parked, delivered
        try {
            counts = TextScan.inOneTransaction(dataSource, c -> redact(c, rowsOf(c, subject,
                    subject.requestedAt().toEpochMilli()), now));
        } catch (SQLException e) {
            throw new EventStoreException("redacting the patient's events failed", e);
        }
        return ParticipantOutcome.builder()
                .anonymised("undelivered event payloads", counts[0], "replaced by a redaction marker: subscribers "
                        + "still to receive them get {\"redacted\": true} instead of the patient's data")
                .anonymised("parked event payloads (dead letters)", counts[1], "replaced by a redaction marker the "
                        + "administrator sees among the dead letters; a replay delivers the marker")
                .anonymised("delivered event payloads", counts[2], "replaced by a redaction marker until the store "
                        + "purges them; the subscribers' own copies are theirs to erase (PatientErased)")
                .build();
    }

    /** Replaces each row's payload by the redaction marker; counts them as undelivered, parked or delivered. */
    private static long[] redact(Connection c, List<Row> rows, long now) throws SQLException {
        String marker = JSON.createObjectNode().put("redacted", true).put("reason", REASON)
                .put("redactedAt", Instant.ofEpochMilli(now).toString()).toString(); // JsonNode.toString is its JSON
        long[] counts = new long[3];
        try (PreparedStatement update = c.prepareStatement("UPDATE events_outbox SET payload = ? WHERE id = ?");
             PreparedStatement states = c.prepareStatement("SELECT status FROM events_delivery WHERE event_id = ?")) {
            for (Row r : rows) {
                update.setString(1, marker);
                update.setString(2, r.id);
                update.executeUpdate();
                Set<String> seen = new HashSet<>();
                states.setString(1, r.id);
                try (ResultSet rs = states.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
                counts[!r.relayed || seen.contains("PENDING") ? 0 : seen.contains("PARKED") ? 1 : 2]++;
            }
        }
        return counts;
    }

    private record Row(String id, String type, long occurredMs, boolean relayed, JsonNode payload) {
    }

    /**
     * The patient's outbox rows recorded before {@code before}: those keyed {@code patient:<MRN>} by the subject key's
     * index, then those without a patient key (unkeyed, or keyed by another subject such as an appointment) whose
     * payload has a string value equal to one of the MRNs. Payloads already redacted are not hers any more.
     */
    private static List<Row> rowsOf(Connection c, PrivacySubject subject, long before) throws SQLException {
        List<Row> rows = new ArrayList<>(keyed(c, subject, before));
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.id));
        for (Row r : unkeyed(c, subject, before)) {
            if (ids.add(r.id)) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparingLong(Row::occurredMs).thenComparing(Row::id)); // as they happened
        return rows;
    }

    private static List<Row> keyed(Connection c, PrivacySubject subject, long before) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, event_type, occurred_ms, relayed, payload"
                + " FROM events_outbox WHERE subject_key = ? AND occurred_ms < ? ORDER BY occurred_ms, id")) {
            for (String mrn : new LinkedHashSet<>(subject.mrns())) {
                s.setString(1, PATIENT_KEY + mrn);
                s.setLong(2, before);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        JsonNode payload = read(rs.getString(5));
                        if (payload == null || !redacted(payload)) {
                            rows.add(row(rs, payload));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static List<Row> unkeyed(Connection c, PrivacySubject subject, long before) throws SQLException {
        // MRNs are quoted in the JSON: the pattern is a pre-filter; the JSON decides.
        return TextScan.find(c, "SELECT id, event_type, occurred_ms, relayed, payload FROM events_outbox"
                + " WHERE (subject_key IS NULL OR subject_key NOT LIKE '" + PATIENT_KEY + "%')"
                + " AND payload LIKE ? ESCAPE '\\' AND occurred_ms < ? ORDER BY occurred_ms, id",
                subject.mrns().stream().map(mrn -> "\"" + mrn + "\"").toList(),
                (query, pattern) -> {
                    query.setString(1, pattern);
                    query.setLong(2, before);
                },
                rs -> {
                    JsonNode payload = read(rs.getString(5));
                    return payload != null && namesAny(payload, subject.mrns()) ? row(rs, payload) : null;
                });
    }

    private static Row row(ResultSet rs, JsonNode payload) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), payload);
    }

    private static boolean redacted(JsonNode payload) {
        return payload.path("redacted").asBoolean(false) && payload.has("redactedAt");
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
