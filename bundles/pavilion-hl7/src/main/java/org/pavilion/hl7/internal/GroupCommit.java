package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.pavilion.core.api.persistence.Databases;
import org.pavilion.core.api.persistence.GroupCommitter;

/**
 * Group commit of hl7_message writes on core's {@link GroupCommitter}: connection threads hand in their store
 * operations (insert a message as RECEIVED, complete it with its outcome and ACK) and wait; the committer thread
 * writes everything queued in one JDBC transaction (batched statements) and commits once. Under load many
 * connections share one commit (one fsync); alone, a message still costs one commit per operation. A thread returns
 * only after the commit that holds its operation, and a failed group is retried one operation per transaction, so
 * one bad row fails only its own sender. On PostgreSQL a group of receipts alone does not wait for its log flush
 * ({@link #receiptsOnly}).
 */
final class GroupCommit implements AutoCloseable {

    /** Upper bound of operations in one transaction, so a burst does not become one huge commit. */
    static final int MAX_BATCH = 256;
    private static final String INSERT = "INSERT INTO hl7_message (id, status, listener, remote_address, sender, "
            + "control_id, message_type, hl7_version, charset, size_bytes, raw_text, received_ms, content_hash, attempts) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    /**
     * A later message under a control id its sender used for other content: stored PARKED and answered AE at once,
     * under its own reuse slot (its content hash), never applied.
     */
    private static final String INSERT_REUSED = "INSERT INTO hl7_message (id, status, ack_code, ack_text, error, "
            + "completed_ms, processing_ms, reuse_slot, listener, remote_address, sender, control_id, message_type, "
            + "hl7_version, charset, size_bytes, raw_text, received_ms, content_hash, attempts) "
            + "VALUES (?, 'PARKED', 'AE', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
    /** Every row a sender stored under a control id: the first content, and any later ones parked as reused. */
    private static final String FIND = "SELECT id, status, ack_text, content_hash, reuse_slot FROM hl7_message "
            + "WHERE sender = ? AND control_id = ?";
    /** The received text of a row stored before content hashes existed. */
    private static final String LEGACY_TEXT = "SELECT original_text, raw_text FROM hl7_message WHERE id = ?";
    private static final String COMPLETE = "UPDATE hl7_message SET status = ?, ack_code = ?, ack_text = ?, error = ?, "
            + "outcome = ?, completed_ms = ?, processing_ms = ?, attempts = attempts + 1, accept_seq = ? WHERE id = ?";
    /** A message stored and completed at once (in the transaction of the department applying it). */
    private static final String INSERT_COMPLETED = "INSERT INTO hl7_message (status, ack_code, ack_text, error, outcome, "
            + "completed_ms, processing_ms, accept_seq, id, listener, remote_address, sender, control_id, message_type, "
            + "hl7_version, charset, size_bytes, raw_text, attempts, received_ms, content_hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";
    /** SQLState of a unique constraint violated (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";

    /** A queued write; T is what its connection thread gets back. */
    abstract static class Op<T> {
    }

    /**
     * Insert a new message unless its sender stored the same content under its control id already; a different
     * content under a used control id is inserted PARKED with {@code reusedAck} (the AE the processor prepared).
     */
    static final class Insert extends Op<MessageStore.Receipt> {
        final String id;
        final StoredMessage m;
        final String reusedAck;
        MessageStore.Receipt receipt;

        Insert(String id, StoredMessage m, String reusedAck) {
            this.id = id;
            this.m = m;
            this.reusedAck = reusedAck;
        }
    }

    /** A row stored under one (sender, control id): enough to tell a redelivery from a reuse. */
    private record Keyed(MessageStore.Receipt receipt, String hash) {
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
    /** accept_seq of AA completions, taken and committed in order (shared with completions joining a department). */
    private final AcceptOrder acceptOrder;
    /** New messages waiting for (or in) a commit; bounded by {@link #maxPendingReceipts}. */
    private final java.util.concurrent.atomic.AtomicInteger pendingReceipts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int maxPendingReceipts = MessageStore.DEFAULT_MAX_PENDING_RECEIPTS;
    /** Whether the store is PostgreSQL (known after the first commit); committer thread only. */
    private Boolean postgreSql;

    GroupCommit(DataSource dataSource, AcceptOrder acceptOrder) {
        this.dataSource = dataSource;
        this.acceptOrder = acceptOrder;
        this.committer = new GroupCommitter<>("pavilion-hl7-group-commit", MAX_BATCH, this::commit);
    }

    /**
     * Queues {@code op} and waits until the transaction holding it committed; throws if it did not. A new message
     * finding {@link #maxPendingReceipts} others already waiting is refused at once ({@link MessageStore.StoreBusy}):
     * the listener then answers nothing and the sender resends later. Completions are never refused: their
     * message is stored and its effects may be committed already.
     */
    @SuppressWarnings("unchecked")
    <T> T submit(Op<T> op) {
        boolean receipt = op instanceof Insert;
        if (receipt && pendingReceipts.incrementAndGet() > maxPendingReceipts) {
            pendingReceipts.decrementAndGet();
            throw new MessageStore.StoreBusy(maxPendingReceipts);
        }
        try {
            return (T) committer.submit(op);
        } catch (MessageStore.Hl7StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new MessageStore.Hl7StoreException("storing an HL7 message failed", e);
        } finally {
            if (receipt) {
                pendingReceipts.decrementAndGet();
            }
        }
    }

    /** Applies a new bound to messages waiting to be stored (at least 1). */
    void maxPendingReceipts(int max) {
        maxPendingReceipts = Math.max(1, max);
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
        boolean ordered = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (receiptsOnly(batch) && isPostgreSql(c)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL synchronous_commit TO OFF");
                    }
                }
                insert(c, batch);
                if (accepts(batch)) {
                    acceptOrder.lock(); // until committed: see AcceptOrder
                    ordered = true;
                }
                complete(c, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } finally {
                    if (ordered) {
                        acceptOrder.unlock();
                    }
                }
            }
        }
        List<Object> results = new ArrayList<>(batch.size());
        for (Op<?> op : batch) {
            results.add(op instanceof Insert ? ((Insert) op).receipt : null);
        }
        return results;
    }

    /**
     * A group of receipts only need not wait for its WAL flush. A receipt is there so that a message whose processing
     * fails is kept; no ACK is ever sent on its strength: the ACK waits for the synchronous commit of the message's
     * outcome (and of its effects), and PostgreSQL flushes its log in order, so that commit makes every receipt
     * committed before it durable too. A crash that loses an unflushed receipt loses a message nobody acknowledged:
     * its sender sends it again. A group holding a completion commits synchronously, receipts included.
     */
    private static boolean receiptsOnly(List<Op<?>> batch) {
        for (Op<?> op : batch) {
            if (!(op instanceof Insert)) {
                return false;
            }
        }
        return true;
    }

    private boolean isPostgreSql(Connection c) throws SQLException {
        if (postgreSql == null) {
            postgreSql = Databases.isPostgreSql(c);
        }
        return postgreSql;
    }

    /**
     * New messages are inserted in one JDBC batch. A message whose sender stored the same content (same
     * {@link MessageStore#contentHash}) under its control id already, or which comes twice in this batch, is not
     * inserted: its receipt names the earlier row. A different content under a used control id is inserted PARKED
     * with its AE (reuse slot: its hash). No statement fails, so the transaction stays good on PostgreSQL, where any
     * failed statement aborts it.
     */
    private static void insert(Connection c, List<Op<?>> batch) throws SQLException {
        Map<String, List<Keyed>> known = new HashMap<>();
        int rows = 0;
        try (PreparedStatement find = c.prepareStatement(FIND); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Op<?> op : batch) {
                if (!(op instanceof Insert)) {
                    continue;
                }
                Insert in = (Insert) op;
                StoredMessage m = in.m;
                String hash = m.contentHash != null ? m.contentHash : MessageStore.contentHash(m.rawText);
                m.contentHash = hash;
                if (m.controlId != null) {
                    String key = m.sender + '\u0000' + m.controlId;
                    List<Keyed> earlier = known.get(key);
                    if (earlier == null) {
                        earlier = stored(c, find, m.sender, m.controlId);
                        known.put(key, earlier);
                    }
                    Keyed same = sameContent(earlier, hash);
                    if (same != null) {
                        MessageStore.Receipt r = same.receipt();
                        in.receipt = new MessageStore.Receipt(r.id(), true, r.status(), r.ackText());
                        continue;
                    }
                    if (!earlier.isEmpty()) {
                        insertReused(c, in, hash);
                        earlier.add(new Keyed(in.receipt, hash));
                        continue;
                    }
                    earlier.add(new Keyed(new MessageStore.Receipt(in.id, false, MessageStore.RECEIVED, null), hash));
                }
                s.setString(1, in.id);
                s.setString(2, MessageStore.RECEIVED);
                bindMessage(s, 3, m);
                s.addBatch();
                rows++;
                in.receipt = new MessageStore.Receipt(in.id, false, MessageStore.RECEIVED, null);
            }
            if (rows > 0) {
                s.executeBatch();
            }
        }
    }

    private static Keyed sameContent(List<Keyed> rows, String hash) {
        for (Keyed k : rows) {
            if (hash.equals(k.hash())) {
                return k;
            }
        }
        return null;
    }

    private static void insertReused(Connection c, Insert in, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_REUSED)) {
            s.setString(1, in.id);
            s.setString(2, in.reusedAck);
            s.setString(3, MessageStore.CONTROL_ID_REUSED);
            s.setLong(4, System.currentTimeMillis());
            s.setString(5, hash);
            bindMessage(s, 6, in.m);
            s.executeUpdate();
        }
        in.receipt = new MessageStore.Receipt(in.id, false, MessageStore.PARKED, in.reusedAck, true);
    }

    /**
     * The rows stored under (sender, control id), with their content hash; a row stored before hashes existed is
     * hashed from its received text (the original, if it was edited since).
     */
    private static List<Keyed> stored(Connection c, PreparedStatement find, String sender, String controlId)
            throws SQLException {
        find.setString(1, sender);
        find.setString(2, controlId);
        List<Keyed> out = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                out.add(new Keyed(new MessageStore.Receipt(rs.getString(1), true, rs.getString(2), rs.getString(3),
                        !rs.getString(5).isEmpty()), rs.getString(4)));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).hash() == null) {
                out.set(i, new Keyed(out.get(i).receipt(), legacyHash(c, out.get(i).receipt().id())));
            }
        }
        return out;
    }

    private static String legacyHash(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LEGACY_TEXT)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                String original = rs.getString(1);
                return MessageStore.contentHash(original != null ? original : rs.getString(2));
            }
        }
    }

    private static boolean accepts(List<Op<?>> batch) {
        for (Op<?> op : batch) {
            if (op instanceof Complete u && "AA".equals(u.ackCode)) {
                return true;
            }
        }
        return false;
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
                bind(s, u, "AA".equals(u.ackCode) ? acceptOrder.next(c) : null);
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

    /**
     * Completes one message in a transaction of someone else's that commits with {@code commit}, holding the accept
     * order across it when AA ({@link MessageStore#completeWithin}). With {@code unstored} the message has no row yet
     * and is inserted completed; if its sender and control id are stored already (an earlier delivery's row), this
     * throws {@link MessageStore.AlreadyStored} and {@code commit} is not called.
     */
    void completeWithin(Connection c, Complete u, StoredMessage unstored, Callable<Void> commit) throws Exception {
        boolean accepted = "AA".equals(u.ackCode);
        if (accepted) {
            acceptOrder.lock();
        }
        try {
            try (PreparedStatement s = c.prepareStatement(unstored == null ? COMPLETE : INSERT_COMPLETED)) {
                bind(s, u, accepted ? acceptOrder.next(c) : null);
                if (unstored != null) {
                    bindMessage(s, 10, unstored); // after the completion's nine
                }
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no hl7_message row " + u.id + " to complete");
                }
            } catch (SQLException e) {
                if (unstored != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new MessageStore.AlreadyStored(unstored.sender, unstored.controlId, e);
                }
                throw e;
            }
            commit.call();
        } finally {
            if (accepted) {
                acceptOrder.unlock();
            }
        }
    }

    /**
     * The message's own columns, from parameter {@code first} on, in the order of {@link #INSERT} and
     * {@link #INSERT_COMPLETED}: listener, remote address, sender, control id, type, version, charset, size, raw
     * text, time received, content hash.
     */
    private static void bindMessage(PreparedStatement s, int first, StoredMessage m) throws SQLException {
        s.setString(first, m.listener);
        s.setString(first + 1, m.remoteAddress);
        s.setString(first + 2, m.sender);
        s.setString(first + 3, m.controlId);
        s.setString(first + 4, m.messageType);
        s.setString(first + 5, m.version);
        s.setString(first + 6, m.charset);
        s.setInt(first + 7, m.sizeBytes);
        s.setString(first + 8, m.rawText);
        s.setLong(first + 9, m.receivedMs);
        s.setString(first + 10, m.contentHash != null ? m.contentHash : MessageStore.contentHash(m.rawText));
    }

    private static void bind(PreparedStatement s, Complete u, Long acceptSeq) throws SQLException {
        s.setString(1, u.status);
        s.setString(2, u.ackCode);
        s.setString(3, u.ackText);
        s.setString(4, MessageStore.clip(u.error, MessageStore.MAX_ERROR));
        s.setString(5, MessageStore.clip(u.outcome, MessageStore.MAX_OUTCOME));
        s.setLong(6, u.completedMs);
        s.setLong(7, u.processingMs);
        if (acceptSeq != null) {
            s.setLong(8, acceptSeq);
        } else {
            s.setNull(8, Types.BIGINT);
        }
        s.setString(9, u.id);
    }

    /** Stops taking operations; those queued by then are committed first, later ones fail (no ACK for them). */
    @Override
    public void close() {
        committer.close();
    }
}
