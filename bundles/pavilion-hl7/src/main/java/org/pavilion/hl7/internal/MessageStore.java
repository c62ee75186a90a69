package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

/**
 * hl7_message over plain JDBC (portable SQL, H2 2.x and PostgreSQL). A message is written twice: {@link #receive}
 * before processing and {@link #complete} (or {@link #completeWithin} the department's transaction) after it, each
 * returning only once committed, so the ACK is only ever sent for a committed outcome; or once, stored and completed
 * in the transaction of the department that applies it ({@link #storeCompletedWithin}). Receipts and completions go
 * through {@link GroupCommit}: operations that several connections queue at the same time share one transaction and
 * one commit.
 */
public class MessageStore implements AutoCloseable {

    public static final String RECEIVED = "RECEIVED";
    public static final String PROCESSED = "PROCESSED";
    public static final String REJECTED = "REJECTED";
    public static final String PARKED = "PARKED";
    /** Default bound of messages waiting to be stored (config maxPendingMessages of the hub). */
    public static final int DEFAULT_MAX_PENDING_RECEIPTS = 1000;
    /** The error of a message whose control id its sender used before for other content. */
    public static final String CONTROL_ID_REUSED = "control id reused with different content";

    static final int MAX_ERROR = 2000;
    static final int MAX_OUTCOME = 500;
    private static final String SUMMARY_COLUMNS = "id, listener, remote_address, sender, control_id, message_type, "
            + "hl7_version, charset, size_bytes, status, ack_code, error, outcome, attempts, received_ms, completed_ms, "
            + "processing_ms, edited_by, edited_ms, reuse_slot";

    private final DataSource dataSource;
    private final GroupCommit commits;

    public MessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.commits = new GroupCommit(dataSource, new AcceptOrder());
    }

    /**
     * What {@link #receive} found: a new row, or the row of an earlier delivery of the same message; or, when
     * {@code reused}, a new row stored PARKED because the sender used the control id for other content before
     * ({@code ackText} is the AE it is answered with).
     */
    public record Receipt(String id, boolean duplicate, String status, String ackText, boolean reused) {
        public Receipt(String id, boolean duplicate, String status, String ackText) {
            this(id, duplicate, status, ackText, false);
        }
    }

    /**
     * The content hash that tells a redelivery from a reused control id: SHA-256 (hex) of the text after
     * {@link Hl7Text#normalise} (CR LF, LF and CR all end a segment; blank segments and anything before "MSH"
     * dropped; every segment ends with CR), encoded UTF-8. Nothing else is normalised: any other byte that differs
     * makes another message.
     */
    public static String contentHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Hl7Text.normalise(text == null ? "" : text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Stores a new message as RECEIVED and returns after the commit; or, when this sender already sent this control
     * id, stores nothing and returns the earlier row (its status and the ACK it was answered with). Concurrent
     * callers share commits ({@link GroupCommit}).
     */
    public Receipt receive(StoredMessage m) {
        return receive(m, null);
    }

    /**
     * As {@link #receive(StoredMessage)}; a message whose control id its sender used for other content is stored
     * PARKED, completed with {@code reusedAck}, in the same commit, and its receipt says {@code reused}.
     */
    public Receipt receive(StoredMessage m, String reusedAck) {
        return commits.submit(new GroupCommit.Insert(UUID.randomUUID().toString(), m, reusedAck));
    }

    /** The outcome of processing, committed (shared with concurrent callers): status, ACK, error, timings. */
    public void complete(String id, String status, String ackCode, String ackText, String error, String outcome,
            long completedMs, long processingMs) {
        commits.submit(new GroupCommit.Complete(id, status, ackCode, ackText, error, outcome, completedMs,
                processingMs));
    }

    /**
     * The outcome of processing written in another component's transaction on the same database (the department
     * applying the message), so the message's effects and its outcome commit together, in one commit: the row is
     * updated on {@code transaction}, then {@code commit} (which commits it) is called, holding the order of
     * accepted messages across it when AA. Throws what writing or committing threw; nothing is then completed.
     */
    public void completeWithin(Connection transaction, String id, String status, String ackCode, String ackText,
            String error, String outcome, long completedMs, long processingMs,
            Callable<Void> commit) throws Exception {
        commits.completeWithin(transaction, new GroupCommit.Complete(id, status, ackCode, ackText, error, outcome,
                completedMs, processingMs), null, commit);
    }

    /**
     * As {@link #completeWithin}, for a message not stored yet: its row is inserted completed, so the message, its
     * outcome and the department's write commit together or not at all. Throws {@link AlreadyStored} (before
     * {@code commit}) when its sender and control id are stored already. Returns the new row's id.
     */
    public String storeCompletedWithin(Connection transaction, StoredMessage m, String status, String ackCode,
            String ackText, String error, String outcome, long completedMs, long processingMs,
            Callable<Void> commit) throws Exception {
        String id = UUID.randomUUID().toString();
        commits.completeWithin(transaction, new GroupCommit.Complete(id, status, ackCode, ackText, error, outcome,
                completedMs, processingMs), m, commit);
        return id;
    }

    /**
     * Messages stored but never completed and received before {@code beforeMs} (the container stopped or died
     * between storing and answering them), raw text included: oldest first, at most {@code max}, after the row
     * ({@code afterMs}, {@code afterId}) where the previous page ended.
     */
    public List<StoredMessage> unfinished(long beforeMs, long afterMs, String afterId, int max) {
        String sql = "SELECT " + SUMMARY_COLUMNS + ", raw_text FROM hl7_message WHERE status = 'RECEIVED' "
                + "AND received_ms < ? AND (received_ms > ? OR (received_ms = ? AND id > ?)) "
                + "ORDER BY received_ms, id FETCH FIRST " + max + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, beforeMs);
            s.setLong(2, afterMs);
            s.setLong(3, afterMs);
            s.setString(4, afterId);
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StoredMessage m = summary(rs);
                    m.rawText = rs.getString(21);
                    out.add(m);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("listing unfinished messages failed", e);
        }
    }

    /** The newest accept_seq committed (0 when no message was ever answered AA). */
    public long lastAcceptSeq() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(accept_seq), 0) FROM hl7_message");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new Hl7StoreException("reading the last accepted message failed", e);
        }
    }

    /**
     * Messages answered AA after {@code afterSeq}, in the order their outcome committed, at most {@code max}: what
     * an integrator's route has not been given yet. Text normalised (segments end with CR) as the hub applied it.
     */
    public List<AcceptedMessage> acceptedAfter(long afterSeq, int max) {
        String sql = "SELECT accept_seq, id, listener, raw_text, outcome FROM hl7_message WHERE accept_seq > ? "
                + "ORDER BY accept_seq FETCH FIRST " + max + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterSeq);
            List<AcceptedMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String text = Hl7Text.normalise(rs.getString(4));
                    Hl7Text.Header header;
                    try {
                        header = Hl7Text.header(text);
                    } catch (IllegalArgumentException unreadable) {
                        header = null; // answered AA, so it had a header; an edit cannot reach an AA'd message
                    }
                    out.add(new AcceptedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), header, text,
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("reading accepted messages failed", e);
        }
    }

    /** The last accept_seq route {@code routeId} was given, or null when the route never ran. */
    public Long routeCursor(String routeId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_seq FROM hl7_route_cursor WHERE route_id = ?")) {
            s.setString(1, routeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("reading the cursor of route " + routeId + " failed", e);
        }
    }

    /** A route's cursor: the last accept_seq it was given, and when it moved. */
    public record RouteCursor(String routeId, long lastSeq, long updatedMs) {
    }

    /** Every route cursor, by route id. */
    public List<RouteCursor> routeCursors() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT route_id, last_seq, updated_ms FROM hl7_route_cursor ORDER BY route_id");
             ResultSet rs = s.executeQuery()) {
            List<RouteCursor> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new RouteCursor(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            return out;
        } catch (SQLException e) {
            throw new Hl7StoreException("listing route cursors failed", e);
        }
    }

    /** Records that route {@code routeId} was given everything up to {@code lastSeq}. */
    public void saveRouteCursor(String routeId, long lastSeq, long now) {
        int updated = Jdbc.update(dataSource, "hl7_route_cursor",
                "UPDATE hl7_route_cursor SET last_seq = ?, updated_ms = ? WHERE route_id = ?", s -> {
            s.setLong(1, lastSeq);
            s.setLong(2, now);
            s.setString(3, routeId);
        });
        if (updated == 0) {
            Jdbc.update(dataSource, "hl7_route_cursor", "INSERT INTO hl7_route_cursor (route_id, last_seq, updated_ms) "
                    + "VALUES (?, ?, ?)", s -> {
                        s.setString(1, routeId);
                        s.setLong(2, lastSeq);
                        s.setLong(3, now);
                    });
        }
    }

    /** Bounds the messages waiting to be stored; more are refused with {@link StoreBusy} (no ACK). */
    public void maxPendingReceipts(int max) {
        commits.maxPendingReceipts(max);
    }

    /** Operations waiting for the committer. */
    int queued() {
        return commits.queued();
    }

    /** Commits the store made and operations they held (their ratio is the mean group size). */
    public long[] commitStatistics() {
        return new long[] {commits.commits(), commits.operations()};
    }

    /**
     * Stops the committer after it committed the operations queued by then; later ones get an
     * {@link Hl7StoreException}, so no ACK goes out for them.
     */
    @Override
    public void close() {
        commits.close();
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
     * Commits a change to the store together with what the caller writes on the same transaction (its audit
     * records, {@code AuditService#recordAllCommittingWith}); it must commit {@code transaction} or throw.
     */
    @FunctionalInterface
    public interface Committer {
        void commit(Connection transaction) throws Exception;

        /** Nothing to add: just commit. */
        Committer PLAIN = Connection::commit;
    }

    /**
     * Replaces the raw text of a PARKED or REJECTED message (the first text is kept in original_text). False
     * when the message is in another status, so a message being processed or done is never changed.
     */
    public boolean editRaw(String id, String text, String by, long now) {
        return editRaw(id, text, by, now, Committer.PLAIN);
    }

    /** As {@link #editRaw(String, String, String, long)}, committed by {@code committer} (with its audit record). */
    public boolean editRaw(String id, String text, String by, long now, Committer committer) {
        return changeCommitting("UPDATE hl7_message SET original_text = COALESCE(original_text, raw_text), "
                + "raw_text = ?, edited_by = ?, edited_ms = ? WHERE id = ? AND status IN ('PARKED', 'REJECTED')", s -> {
                    s.setString(1, text);
                    s.setString(2, by);
                    s.setLong(3, now);
                    s.setString(4, id);
                }, committer);
    }

    /** Claims a PARKED or REJECTED message for a replay: it becomes RECEIVED again; false if it was not. */
    public boolean claimForReplay(String id) {
        return claimForReplay(id, Committer.PLAIN);
    }

    /** As {@link #claimForReplay(String)}, committed by {@code committer} (with its audit record). */
    public boolean claimForReplay(String id, Committer committer) {
        return changeCommitting("UPDATE hl7_message SET status = 'RECEIVED' WHERE id = ? "
                + "AND status IN ('PARKED', 'REJECTED')", s -> s.setString(1, id), committer);
    }

    /** Whether {@code sender} sent (or a replay gave) a message under {@code controlId}: stored or as applied. */
    public boolean controlIdInUse(String sender, String controlId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM hl7_message WHERE sender = ? AND control_id = ?")) {
            s.setString(1, sender);
            s.setString(2, controlId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("reading control ids failed", e);
        }
    }

    /** One UPDATE of one row and the caller's writes, one commit; false (rolled back) when no row matched. */
    private boolean changeCommitting(String sql, Jdbc.Binder binder, Committer committer) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    binder.bind(s);
                    n = s.executeUpdate();
                }
                if (n != 1) {
                    c.rollback();
                    return false;
                }
                committer.commit(c);
                return true;
            } catch (Exception e) {
                c.rollback();
                throw e instanceof Hl7StoreException h ? h : new Hl7StoreException("changing hl7_message failed", e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("changing hl7_message failed", e);
        }
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
                m.rawText = rs.getString(21);
                m.originalText = rs.getString(22);
                m.ackText = rs.getString(23);
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
        m.controlIdReused = !rs.getString(20).isEmpty();
        return m;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private int update(String sql, Jdbc.Binder binder) {
        return Jdbc.update(dataSource, "hl7_message", sql, binder);
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** An earlier delivery of the message (same sender and control id) has a row: the insert was refused. */
    public static class AlreadyStored extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyStored(String sender, String controlId, Throwable cause) {
            super("message " + controlId + " from " + sender + " is stored already", cause);
        }
    }

    /**
     * Too many messages are waiting to be stored: this one is not, and must not be acknowledged (the listener
     * closes the connection without an ACK; the sender resends).
     */
    public static class StoreBusy extends Hl7StoreException {
        private static final long serialVersionUID = 1L;

        public StoreBusy(int max) {
            super("busy: " + max + " HL7 messages are already waiting to be stored; resend later", null);
        }
    }

    /** The store could not commit: the message must not be acknowledged. */
    public static class Hl7StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Hl7StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
