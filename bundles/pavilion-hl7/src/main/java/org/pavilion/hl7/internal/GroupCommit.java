package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.pavilion.core.api.persistence.GroupCommitter;

/**
 * Group commit of hl7_message writes on core's {@link GroupCommitter}: connection threads hand in their store
 * operations (insert a message as RECEIVED, complete it with its outcome and ACK) and wait; the committer thread
 * writes everything queued in one JDBC transaction (batched statements) and commits once. Under load many
 * connections share one commit (one fsync); alone, a message still costs one commit per operation. A thread returns
 * only after the commit that holds its operation, and a failed group is retried one operation per transaction, so
 * one bad row fails only its own sender.
 */
final class GroupCommit implements AutoCloseable {

    /** Upper bound of operations in one transaction, so a burst does not become one huge commit. */
    static final int MAX_BATCH = 256;
    private static final String INSERT = "INSERT INTO hl7_message (id, listener, remote_address, sender, control_id, "
            + "message_type, hl7_version, charset, size_bytes, status, raw_text, attempts, received_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
    private static final String FIND = "SELECT id, status, ack_text FROM hl7_message WHERE sender = ? AND control_id = ?";
    private static final String COMPLETE = "UPDATE hl7_message SET status = ?, ack_code = ?, ack_text = ?, error = ?, "
            + "outcome = ?, completed_ms = ?, processing_ms = ?, attempts = attempts + 1, accept_seq = ? WHERE id = ?";

    /** A queued write; T is what its connection thread gets back. */
    abstract static class Op<T> {
    }

    /** Insert a new message unless (sender, control id) is stored already. */
    static final class Insert extends Op<MessageStore.Receipt> {
        final String id;
        final StoredMessage m;
        MessageStore.Receipt receipt;

        Insert(String id, StoredMessage m) {
            this.id = id;
            this.m = m;
        }
    }

    /** Store the outcome of processing and the ACK. */
    static final class Complete extends Op<Void> {
        final String id;
        final String status;
        final String ackCode;
        final String ackText;
        final String error;
        final String outcome;
        final long completedMs;
        final long processingMs;

        Complete(String id, String status, String ackCode, String ackText, String error, String outcome,
                long completedMs, long processingMs) {
            this.id = id;
            this.status = status;
            this.ackCode = ackCode;
            this.ackText = ackText;
            this.error = error;
            this.outcome = outcome;
            this.completedMs = completedMs;
            this.processingMs = processingMs;
        }
    }

    private final DataSource dataSource;
    private final GroupCommitter<Op<?>, Object> committer;
    /**
     * The last accept_seq given (read from the table before the first); only the committer thread touches it, and
     * it commits one transaction at a time, so the numbers of committed AA messages grow in commit order: a route
     * reading "after my cursor" can never see a later number before an earlier one. A rolled-back group leaves gaps.
     */
    private long lastAcceptSeq = -1;

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.committer = new GroupCommitter<>("pavilion-hl7-group-commit", MAX_BATCH, this::commit);
    }

    /** Queues {@code op} and waits until the transaction holding it committed; throws if it did not. */
    @SuppressWarnings("unchecked")
    <T> T submit(Op<T> op) {
        try {
            return (T) committer.submit(op);
        } catch (MessageStore.Hl7StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new MessageStore.Hl7StoreException("storing an HL7 message failed", e);
        }
    }

    int queued() {
        return committer.queued();
    }

    /** Commits so far and operations so far: operations / commits is the mean batch size. */
    long commits() {
        return committer.commits();
    }

    long operations() {
        return committer.works();
    }

    /** One transaction for the group: the inserts, then the completions, one commit; results in order. */
    private List<Object> commit(List<Op<?>> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, batch);
                complete(c, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        List<Object> results = new ArrayList<>(batch.size());
        for (Op<?> op : batch) {
            results.add(op instanceof Insert ? ((Insert) op).receipt : null);
        }
        return results;
    }

    /**
     * New messages are inserted in one JDBC batch. A message whose sender and control id are stored already (or
     * come twice in this batch) is not inserted: its receipt names the earlier row, so no statement fails and the
     * transaction stays good on PostgreSQL, where any failed statement aborts it.
     */
    private static void insert(Connection c, List<Op<?>> batch) throws SQLException {
        Map<String, MessageStore.Receipt> inBatch = new HashMap<>();
        int rows = 0;
        try (PreparedStatement find = c.prepareStatement(FIND); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Op<?> op : batch) {
                if (!(op instanceof Insert)) {
                    continue;
                }
                Insert in = (Insert) op;
                StoredMessage m = in.m;
                if (m.controlId != null) {
                    String key = m.sender + '\u0000' + m.controlId;
                    MessageStore.Receipt earlier = inBatch.get(key);
                    if (earlier == null) {
                        earlier = stored(find, m.sender, m.controlId);
                    }
                    if (earlier != null) {
                        in.receipt = earlier.duplicate() ? earlier
                                : new MessageStore.Receipt(earlier.id(), true, earlier.status(), earlier.ackText());
                        continue;
                    }
                    inBatch.put(key, new MessageStore.Receipt(in.id, false, MessageStore.RECEIVED, null));
                }
                s.setString(1, in.id);
                s.setString(2, m.listener);
                s.setString(3, m.remoteAddress);
                s.setString(4, m.sender);
                s.setString(5, m.controlId);
                s.setString(6, m.messageType);
                s.setString(7, m.version);
                s.setString(8, m.charset);
                s.setInt(9, m.sizeBytes);
                s.setString(10, MessageStore.RECEIVED);
                s.setString(11, m.rawText);
                s.setLong(12, m.receivedMs);
                s.addBatch();
                rows++;
                in.receipt = new MessageStore.Receipt(in.id, false, MessageStore.RECEIVED, null);
            }
            if (rows > 0) {
                s.executeBatch();
            }
        }
    }

    private static MessageStore.Receipt stored(PreparedStatement find, String sender, String controlId)
            throws SQLException {
        find.setString(1, sender);
        find.setString(2, controlId);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? new MessageStore.Receipt(rs.getString(1), true, rs.getString(2), rs.getString(3)) : null;
        }
    }

    private void complete(Connection c, List<Op<?>> batch) throws SQLException {
        List<Complete> updates = new ArrayList<>();
        for (Op<?> op : batch) {
            if (op instanceof Complete) {
                updates.add((Complete) op);
            }
        }
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(COMPLETE)) {
            for (Complete u : updates) {
                s.setString(1, u.status);
                s.setString(2, u.ackCode);
                s.setString(3, u.ackText);
                s.setString(4, MessageStore.clip(u.error, MessageStore.MAX_ERROR));
                s.setString(5, MessageStore.clip(u.outcome, MessageStore.MAX_OUTCOME));
                s.setLong(6, u.completedMs);
                s.setLong(7, u.processingMs);
                if ("AA".equals(u.ackCode)) {
                    s.setLong(8, nextAcceptSeq(c));
                } else {
                    s.setNull(8, Types.BIGINT);
                }
                s.setString(9, u.id);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new SQLException("no hl7_message row " + updates.get(i).id + " to complete");
                }
            }
        }
    }

    private long nextAcceptSeq(Connection c) throws SQLException {
        if (lastAcceptSeq < 0) {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(accept_seq), 0) FROM hl7_message");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                lastAcceptSeq = rs.getLong(1);
            }
        }
        return ++lastAcceptSeq;
    }

    /** Stops taking operations; the batch being written finishes, queued ones fail (their senders get no ACK). */
    @Override
    public void close() {
        committer.close();
    }
}
