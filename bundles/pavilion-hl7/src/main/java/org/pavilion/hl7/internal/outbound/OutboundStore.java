package org.pavilion.hl7.internal.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.pavilion.hl7.internal.Jdbc;
import org.pavilion.hl7.internal.MessageStore.Hl7StoreException;

/**
 * hl7_outbound over plain JDBC (H2 2.x and PostgreSQL): the durable queue of the outbound feeds. Every change is
 * one single-row statement committed on its own, so a crash leaves each row either before or after a step.
 */
public class OutboundStore {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    static final int MAX_ERROR = 2000;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, feed, event_id, event_type, patient_key, related_key, message_type, "
            + "control_id, hl7_version, status, attempts, next_attempt_ms, last_error, ack_code, occurred_ms, "
            + "created_ms, updated_ms, sent_ms";

    private final DataSource dataSource;

    public OutboundStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the message built for an event, PENDING and due now; or, when it could not be built, a FAILED row
     * with the reason. False when this feed already has a row for the event (a redelivery): nothing changes.
     */
    public boolean enqueue(String feed, String eventId, String eventType, long occurredMs, AdtBuilder.Built built,
            String unbuildable, long now) {
        String sql = "INSERT INTO hl7_outbound (feed, event_id, event_type, patient_key, related_key, message_type, "
                + "control_id, hl7_version, message_text, status, attempts, next_attempt_ms, last_error, occurred_ms, "
                + "created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, feed);
                s.setString(2, eventId);
                s.setString(3, eventType);
                s.setString(4, built == null ? null : built.patientKey());
                s.setString(5, built == null ? null : built.relatedKey());
                s.setString(6, built == null ? null : built.messageType());
                s.setString(7, built == null ? null : built.controlId());
                s.setString(8, built == null ? null : built.version());
                s.setString(9, built == null ? null : built.text());
                s.setString(10, built == null ? FAILED : PENDING);
                s.setLong(11, now);
                s.setString(12, clip(unbuildable));
                s.setLong(13, occurredMs);
                s.setLong(14, now);
                s.setLong(15, now);
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("queueing event " + eventId + " for feed " + feed + " failed", e);
        }
    }

    /**
     * A feed's PENDING rows in queue order (event time, then event id: the events of one millisecond in the order
     * they were published, whatever order they were delivered in), at most {@code max}.
     */
    public List<SendOrder.Queued> pending(String feed, int max) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, patient_key, related_key, next_attempt_ms FROM hl7_outbound WHERE feed = ? AND status = ? "
                        + "ORDER BY occurred_ms, event_id, id FETCH FIRST " + max + " ROWS ONLY")) {
            s.setString(1, feed);
            s.setString(2, PENDING);
            List<SendOrder.Queued> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new SendOrder.Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("reading the queue of feed " + feed + " failed", e);
        }
    }

    /** Acknowledged AA (or CA): done. */
    public void sent(long id, String ackCode, String ackText, long now) {
        update("UPDATE hl7_outbound SET status = 'SENT', attempts = attempts + 1, ack_code = ?, ack_text = ?, "
                + "last_error = NULL, sent_ms = ?, updated_ms = ? WHERE id = ? AND status = 'PENDING'", s -> {
                    s.setString(1, ackCode);
                    s.setString(2, ackText);
                    s.setLong(3, now);
                    s.setLong(4, now);
                    s.setLong(5, id);
                });
    }

    /** A failed attempt: counted, with its error; PENDING again from {@code nextAttemptMs}, or FAILED (parked). */
    public void attemptFailed(long id, String ackCode, String ackText, String error, boolean park, long nextAttemptMs,
            long now) {
        update("UPDATE hl7_outbound SET status = ?, attempts = attempts + 1, ack_code = ?, ack_text = ?, "
                + "last_error = ?, next_attempt_ms = ?, updated_ms = ? WHERE id = ? AND status = 'PENDING'", s -> {
                    s.setString(1, park ? FAILED : PENDING);
                    s.setString(2, ackCode);
                    s.setString(3, ackText);
                    s.setString(4, clip(error));
                    s.setLong(5, nextAttemptMs);
                    s.setLong(6, now);
                    s.setLong(7, id);
                });
    }

    /**
     * Puts a FAILED message (or a PENDING one waiting for its back-off) back in the queue, due now, attempts
     * reset. False for a SENT message, or one that never had a message text (its event could not be built).
     */
    public boolean retry(long id, long now) {
        return update("UPDATE hl7_outbound SET status = 'PENDING', attempts = 0, next_attempt_ms = ?, updated_ms = ? "
                + "WHERE id = ? AND status IN ('FAILED', 'PENDING') AND message_text IS NOT NULL", s -> {
                    s.setLong(1, now);
                    s.setLong(2, now);
                    s.setLong(3, id);
                }) == 1;
    }

    public OutboundMessage find(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + ", message_text, ack_text FROM hl7_outbound WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OutboundMessage m = summary(rs);
                m.messageText = rs.getString(19);
                m.ackText = rs.getString(20);
                return m;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("reading outbound message " + id + " failed", e);
        }
    }

    /** Newest first; both filters optional. */
    public List<OutboundMessage> list(String feed, String status, int offset, int max) {
        List<String> params = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM hl7_outbound" + where(feed, status, params)
                + " ORDER BY occurred_ms DESC, id DESC OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + max
                + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<OutboundMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("listing outbound messages failed", e);
        }
    }

    public long count(String feed, String status) {
        List<String> params = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM hl7_outbound" + where(feed, status, params))) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("counting outbound messages failed", e);
        }
    }

    /**
     * Every feed that has rows, with its counts per status: one grouped scan over the (feed, status, occurred_ms)
     * index, so the monitor learns the feeds and their state without reading any message.
     */
    public List<QueueSummary> queues() {
        String sql = "SELECT feed, status, COUNT(*), MIN(occurred_ms), MAX(sent_ms) FROM hl7_outbound "
                + "GROUP BY feed, status ORDER BY feed";
        java.util.Map<String, QueueSummary> byFeed = new java.util.LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                QueueSummary q = byFeed.computeIfAbsent(rs.getString(1), f -> {
                    QueueSummary n = new QueueSummary();
                    n.feed = f;
                    return n;
                });
                long count = rs.getLong(3);
                switch (rs.getString(2)) {
                    case PENDING -> {
                        q.pending = count;
                        q.oldestPendingMs = rs.getLong(4);
                    }
                    case SENT -> {
                        q.sent = count;
                        long last = rs.getLong(5);
                        q.lastSentMs = rs.wasNull() ? null : last;
                    }
                    case FAILED -> q.failed = count;
                    default -> { /* a status this version does not know: left out of the counts */ }
                }
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("summarising the outbound queues failed", e);
        }
        return new ArrayList<>(byFeed.values());
    }

    private static String where(String feed, String status, List<String> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (feed != null && !feed.isBlank()) {
            where.append(" AND feed = ?");
            params.add(feed.strip());
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND status = ?");
            params.add(status.strip());
        }
        return where.toString();
    }

    private static void bind(PreparedStatement s, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setString(i + 1, params.get(i));
        }
    }

    private static OutboundMessage summary(ResultSet rs) throws SQLException {
        OutboundMessage m = new OutboundMessage();
        m.id = rs.getLong(1);
        m.feed = rs.getString(2);
        m.eventId = rs.getString(3);
        m.eventType = rs.getString(4);
        m.patientKey = rs.getString(5);
        m.relatedKey = rs.getString(6);
        m.messageType = rs.getString(7);
        m.controlId = rs.getString(8);
        m.version = rs.getString(9);
        m.status = rs.getString(10);
        m.attempts = rs.getInt(11);
        m.nextAttemptMs = rs.getLong(12);
        m.lastError = rs.getString(13);
        m.ackCode = rs.getString(14);
        m.occurredMs = rs.getLong(15);
        m.createdMs = rs.getLong(16);
        m.updatedMs = rs.getLong(17);
        long sent = rs.getLong(18);
        m.sentMs = rs.wasNull() ? null : sent;
        return m;
    }

    private int update(String sql, Jdbc.Binder binder) {
        return Jdbc.update(dataSource, "hl7_outbound", sql, binder);
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
