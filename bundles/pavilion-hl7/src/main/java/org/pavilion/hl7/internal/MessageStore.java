package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * hl7_message over plain JDBC (portable SQL, H2 2.x and PostgreSQL). A message costs two short transactions:
 * {@link #receive} before processing and {@link #complete} after it, each committed before the next step, so
 * the ACK is only ever sent for a committed outcome. Both are single-row statements with no cross-row reads,
 * so a later group-commit store can batch them from several connections into one transaction without changing
 * the processor.
 */
public class MessageStore {

    public static final String RECEIVED = "RECEIVED";
    public static final String PROCESSED = "PROCESSED";
    public static final String REJECTED = "REJECTED";
    public static final String PARKED = "PARKED";

    static final int MAX_ERROR = 2000;
    static final int MAX_OUTCOME = 500;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SUMMARY_COLUMNS = "id, listener, remote_address, sender, control_id, message_type, "
            + "hl7_version, charset, size_bytes, status, ack_code, error, outcome, attempts, received_ms, completed_ms, "
            + "processing_ms, edited_by, edited_ms";

    private final DataSource dataSource;

    public MessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #receive} found: a new row, or the row of an earlier delivery of the same message. */
    public record Receipt(String id, boolean duplicate, String status, String ackText) {
    }

    /**
     * Stores a new message as RECEIVED and commits; or, when this sender already sent this control id, stores
     * nothing and returns the earlier row (its status and the ACK it was answered with).
     */
    public Receipt receive(StoredMessage m) {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO hl7_message (id, listener, remote_address, "
                    + "sender, control_id, message_type, hl7_version, charset, size_bytes, status, raw_text, attempts, "
                    + "received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
                s.setString(1, id);
                s.setString(2, m.listener);
                s.setString(3, m.remoteAddress);
                s.setString(4, m.sender);
                s.setString(5, m.controlId);
                s.setString(6, m.messageType);
                s.setString(7, m.version);
                s.setString(8, m.charset);
                s.setInt(9, m.sizeBytes);
                s.setString(10, m.status == null ? RECEIVED : m.status);
                s.setString(11, m.rawText);
                s.setLong(12, m.receivedMs);
                s.executeUpdate();
                return new Receipt(id, false, RECEIVED, null);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || m.controlId == null) {
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, status, ack_text FROM hl7_message WHERE sender = ? AND control_id = ?")) {
                s.setString(1, m.sender);
                s.setString(2, m.controlId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("duplicate key but no row for " + m.sender + " " + m.controlId);
                    }
                    return new Receipt(rs.getString(1), true, rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("storing an inbound message failed", e);
        }
    }

    /** The outcome of processing, committed: status, ACK, error, timings; attempts counted. */
    public void complete(String id, String status, String ackCode, String ackText, String error, String outcome,
            long completedMs, long processingMs) {
        update("UPDATE hl7_message SET status = ?, ack_code = ?, ack_text = ?, error = ?, outcome = ?, "
                + "completed_ms = ?, processing_ms = ?, attempts = attempts + 1 WHERE id = ?", s -> {
                    s.setString(1, status);
                    s.setString(2, ackCode);
                    s.setString(3, ackText);
                    s.setString(4, clip(error, MAX_ERROR));
                    s.setString(5, clip(outcome, MAX_OUTCOME));
                    s.setLong(6, completedMs);
                    s.setLong(7, processingMs);
                    s.setString(8, id);
                });
    }

    /** Status and ACK of one row (null when there is none): a duplicate waiting for its original re-reads it. */
    public Receipt current(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, status, ack_text FROM hl7_message WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Receipt(rs.getString(1), true, rs.getString(2), rs.getString(3)) : null;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("reading message " + id + " failed", e);
        }
    }

    /**
     * Replaces the raw text of a PARKED or REJECTED message (the first text is kept in original_text). False
     * when the message is in another status, so a message being processed or done is never changed.
     */
    public boolean editRaw(String id, String text, String by, long now) {
        int n = update("UPDATE hl7_message SET original_text = COALESCE(original_text, raw_text), raw_text = ?, "
                + "edited_by = ?, edited_ms = ? WHERE id = ? AND status IN ('PARKED', 'REJECTED')", s -> {
                    s.setString(1, text);
                    s.setString(2, by);
                    s.setLong(3, now);
                    s.setString(4, id);
                });
        return n == 1;
    }

    /** Claims a PARKED or REJECTED message for a replay: it becomes RECEIVED again; false if it was not. */
    public boolean claimForReplay(String id) {
        return update("UPDATE hl7_message SET status = 'RECEIVED' WHERE id = ? AND status IN ('PARKED', 'REJECTED')",
                s -> s.setString(1, id)) == 1;
    }

    public StoredMessage find(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT "
                + SUMMARY_COLUMNS + ", raw_text, original_text, ack_text FROM hl7_message WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StoredMessage m = summary(rs);
                m.rawText = rs.getString(20);
                m.originalText = rs.getString(21);
                m.ackText = rs.getString(22);
                return m;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("reading message " + id + " failed", e);
        }
    }

    /** Newest first; every filter optional. */
    public List<StoredMessage> list(String status, String sender, String type, String controlId, int offset, int max) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        filter(where, params, "status", status);
        filter(where, params, "sender", sender);
        filter(where, params, "message_type", type);
        filter(where, params, "control_id", controlId);
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM hl7_message" + where
                + " ORDER BY received_ms DESC, id OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + max + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("listing messages failed", e);
        }
    }

    public long count(String status, String sender, String type, String controlId) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        filter(where, params, "status", status);
        filter(where, params, "sender", sender);
        filter(where, params, "message_type", type);
        filter(where, params, "control_id", controlId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM hl7_message" + where)) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("counting messages failed", e);
        }
    }

    private static void filter(StringBuilder where, List<String> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value.strip());
        }
    }

    private static StoredMessage summary(ResultSet rs) throws SQLException {
        StoredMessage m = new StoredMessage();
        m.id = rs.getString(1);
        m.listener = rs.getString(2);
        m.remoteAddress = rs.getString(3);
        m.sender = rs.getString(4);
        m.controlId = rs.getString(5);
        m.messageType = rs.getString(6);
        m.version = rs.getString(7);
        m.charset = rs.getString(8);
        m.sizeBytes = rs.getInt(9);
        m.status = rs.getString(10);
        m.ackCode = rs.getString(11);
        m.error = rs.getString(12);
        m.outcome = rs.getString(13);
        m.attempts = rs.getInt(14);
        m.receivedMs = rs.getLong(15);
        m.completedMs = nullableLong(rs, 16);
        m.processingMs = nullableLong(rs, 17);
        m.editedBy = rs.getString(18);
        m.editedMs = nullableLong(rs, 19);
        return m;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("updating hl7_message failed", e);
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The store could not commit: the message must not be acknowledged. */
    public static class Hl7StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Hl7StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
