package org.pavilion.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The event tables over plain JDBC. Portable SQL only (H2 2.x and PostgreSQL); every method is one short
 * local transaction on its own connection.
 */
public class EventStore {

    /** Run by publishers through their own EntityManager, so it shares their transaction. */
    public static final String INSERT_OUTBOX =
            "INSERT INTO events_outbox (id, event_type, payload, source, occurred_ms, subject_key) VALUES (?, ?, ?, ?, ?, ?)";

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String PARKED = "PARKED";
    /** A dead letter an administrator gave up on: never delivered, no longer holding back its key; purged as delivered. */
    static final String DISCARDED = "DISCARDED";

    /** What replaying or discarding a dead letter did. */
    public enum ReplayOutcome { REPLAYED, DISCARDED, NOT_FOUND, NOT_PARKED }

    private static final int MAX_ERROR = 2000;

    private static final String DEAD_LETTER_COLUMNS =
            "SELECT d.id, d.event_id, d.subscriber, d.status, d.attempts, d.last_error, d.updated_ms,"
            + " o.event_type, o.source, o.occurred_ms, o.payload, d.subject_key,"
            // What it holds back, and what holds it back: both on the subject index, for the few rows of one page.
            + " (SELECT COUNT(*) FROM events_delivery h WHERE h.subject_key = d.subject_key AND h.subscriber = d.subscriber"
            + " AND h.status IN ('" + PENDING + "', '" + PARKED + "') AND h.event_id > d.event_id),"
            + " (SELECT MIN(b.id) FROM events_delivery b WHERE b.subject_key = d.subject_key AND b.subscriber = d.subscriber"
            + " AND b.status = '" + PARKED + "' AND b.event_id = (SELECT MIN(f.event_id) FROM events_delivery f"
            + " WHERE f.subject_key = d.subject_key AND f.subscriber = d.subscriber AND f.status = '" + PARKED + "'"
            + " AND f.event_id < d.event_id))"
            + " FROM events_delivery d JOIN events_outbox o ON o.id = d.event_id";

    private final DataSource dataSource;

    public EventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that these subscribers are alive now; a new one is stored with its own first-seen time. */
    public void saveSubscriptions(Collection<Subscription> subscriptions, long now) {
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                         "UPDATE events_subscription SET event_types = ?, last_seen_ms = ? WHERE subscriber = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO events_subscription (subscriber, event_types, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?)")) {
                for (Subscription s : subscriptions) {
                    update.setString(1, s.typesText());
                    update.setLong(2, now);
                    update.setString(3, s.subscriber());
                    if (update.executeUpdate() == 0) {
                        insert.setString(1, s.subscriber());
                        insert.setString(2, s.typesText());
                        insert.setLong(3, s.since());
                        insert.setLong(4, now);
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Subscriptions seen at or after {@code seenSince}, with the time each was first seen. */
    public List<Subscription> subscriptions(long seenSince) {
        return inTransaction(c -> subscriptions(c, seenSince));
    }

    /**
     * Turns up to {@code batch} committed, not yet relayed outbox rows into one PENDING delivery per
     * matching subscription. An event nobody subscribes to is simply marked relayed.
     *
     * @return the number of outbox rows relayed
     */
    public int fanOut(long seenSince, int batch, long now) {
        return inTransaction(c -> {
            List<Subscription> subscriptions = subscriptions(c, seenSince);
            List<String[]> rows = new ArrayList<>();
            // FALSE written out, not bound: the planner knows it asks for the few rows not yet relayed and walks the
            // (relayed, occurred_ms) index. A generic plan for a bound flag (PostgreSQL may switch to one after five
            // executions) is made for either value: a scan and sort of the whole outbox, a week of relayed rows.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, event_type, occurred_ms, subject_key FROM events_outbox WHERE relayed = FALSE ORDER BY occurred_ms, id")) {
                select.setMaxRows(batch);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)), rs.getString(4)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return 0;
            }
            // Two batches (two round trips) for the whole lot, not two statements per event: the relay shares the
            // database, and the cores, with the feeds whose commits it follows. The claims go in publishing order, so a
            // second relay racing for the same rows waits on (PostgreSQL) or fails at (H2) the first row it loses and
            // never commits deliveries of a later event of a subject before those of an earlier one.
            int relayed = 0;
            try (PreparedStatement claim = c.prepareStatement(
                         "UPDATE events_outbox SET relayed = ?, relayed_ms = ? WHERE id = ? AND relayed = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO events_delivery (id, event_id, subscriber, status, attempts, next_attempt_ms, created_ms, updated_ms,"
                         + " subject_key) VALUES (?, ?, ?, '" + PENDING + "', 0, ?, ?, ?, ?)")) {
                for (String[] row : rows) {
                    claim.setBoolean(1, true);
                    claim.setLong(2, now);
                    claim.setString(3, row[0]);
                    claim.setBoolean(4, false);
                    claim.addBatch();
                }
                int[] claimed = claim.executeBatch();
                int deliveries = 0;
                for (int i = 0; i < rows.size(); i++) {
                    // Only the relay that flips the flag fans the row out, so a second relay cannot duplicate it.
                    if (claimed[i] != 1) {
                        continue;
                    }
                    relayed++;
                    String[] row = rows.get(i);
                    long occurredMs = Long.parseLong(row[2]);
                    for (Subscription s : subscriptions) {
                        if (s.accepts(row[1], occurredMs)) {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, row[0]);
                            insert.setString(3, s.subscriber());
                            insert.setLong(4, now);
                            insert.setLong(5, now);
                            insert.setLong(6, now);
                            insert.setString(7, row[3]);
                            insert.addBatch();
                            deliveries++;
                        }
                    }
                }
                if (deliveries > 0) {
                    insert.executeBatch();
                }
            }
            return relayed;
        });
    }

    /**
     * PENDING deliveries due by {@code now} for the given subscribers, in publishing order (event id, see
     * {@link EventIds}). A delivery with a subject key is left out while an earlier delivery of its subscriber and key
     * is parked or waits for a later retry; an earlier one that is due now comes first in the same list, and the
     * relay skips the rest of that key when it fails ({@link EventRelay}).
     */
    public List<PendingDelivery> due(Collection<String> subscribers, long now, int batch) {
        if (subscribers.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(subscribers.size(), "?"));
        String sql = "SELECT d.id, d.event_id, d.subscriber, d.attempts, o.event_type, o.payload, o.source, o.occurred_ms,"
                + " d.subject_key FROM events_delivery d JOIN events_outbox o ON o.id = d.event_id"
                // The status written out, as the outbox's flag in fanOut: PENDING rows are few among a week of DELIVERED.
                + " WHERE d.status = '" + PENDING + "' AND d.next_attempt_ms <= ? AND d.subscriber IN (" + marks + ")"
                // Hold-back, in the same statement: one probe of events_delivery_subject_idx per due keyed row, which
                // reads only the key's undelivered rows (PENDING, PARKED), never its week of DELIVERED ones.
                + " AND (d.subject_key IS NULL OR NOT EXISTS (SELECT 1 FROM events_delivery e"
                + " WHERE e.subject_key = d.subject_key AND e.subscriber = d.subscriber"
                + " AND e.status IN ('" + PENDING + "', '" + PARKED + "') AND e.event_id < d.event_id"
                + " AND (e.status = '" + PARKED + "' OR e.next_attempt_ms > ?)))"
                // Publishing order, not due time: an earlier event back from its retry goes before the later ones
                // of its key that waited behind it. events_delivery_queue_idx (status, event_id) gives this order, so
                // the walk stops after a batch instead of sorting every due row.
                + " ORDER BY d.event_id, d.id";
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, now);
                for (String s : subscribers) {
                    ps.setString(i++, s);
                }
                ps.setLong(i++, now);
                ps.setMaxRows(batch);
                List<PendingDelivery> due = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new PendingDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9)));
                    }
                }
                return due;
            }
        });
    }

    public void markDelivered(String deliveryId, int attempts, long now) {
        update("UPDATE events_delivery SET status = ?, attempts = ?, last_error = NULL, updated_ms = ? WHERE id = ?",
                DELIVERED, attempts, now, deliveryId);
    }

    public void markRetry(String deliveryId, int attempts, long nextAttemptMs, String error, long now) {
        update("UPDATE events_delivery SET attempts = ?, next_attempt_ms = ?, last_error = ?, updated_ms = ? WHERE id = ?",
                attempts, nextAttemptMs, truncate(error), now, deliveryId);
    }

    public void markParked(String deliveryId, int attempts, String error, long now) {
        update("UPDATE events_delivery SET status = ?, attempts = ?, last_error = ?, updated_ms = ? WHERE id = ?",
                PARKED, attempts, truncate(error), now, deliveryId);
    }

    /**
     * Parks the pending deliveries of subscribers not seen since {@code seenBefore} (their department was
     * uninstalled), so they stop piling up unseen and an administrator can replay them if it comes back.
     */
    public int parkAbandoned(long seenBefore, long now) {
        return update("UPDATE events_delivery SET status = ?, last_error = ?, updated_ms = ?"
                + " WHERE status = ? AND subscriber IN (SELECT subscriber FROM events_subscription WHERE last_seen_ms < ?)",
                PARKED, "subscriber not seen since " + Instant.ofEpochMilli(seenBefore), now, PENDING, seenBefore);
    }

    /** Deletes delivered deliveries, and events that have no delivery left, last touched before {@code before}. */
    public int purge(long before) {
        return inTransaction(c -> {
            int deleted = update(c, "DELETE FROM events_delivery WHERE status IN (?, ?) AND updated_ms < ?",
                    DELIVERED, DISCARDED, before);
            deleted += update(c, "DELETE FROM events_outbox WHERE relayed = ? AND relayed_ms < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM events_delivery d WHERE d.event_id = events_outbox.id)", true, before);
            return deleted;
        });
    }

    public long countParked() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events_delivery WHERE status = ?")) {
                ps.setString(1, PARKED);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Parked deliveries, most recently parked first. */
    public List<DeadLetter> parked(long offset, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(DEAD_LETTER_COLUMNS
                    + " WHERE d.status = ? ORDER BY d.updated_ms DESC, d.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setString(1, PARKED);
                ps.setLong(2, offset);
                ps.setInt(3, limit);
                return deadLetters(ps);
            }
        });
    }

    /** Any delivery by id (so a replayed one can still be looked at), or empty. */
    public Optional<DeadLetter> delivery(String deliveryId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(DEAD_LETTER_COLUMNS + " WHERE d.id = ?")) {
                ps.setString(1, deliveryId);
                return deadLetters(ps).stream().findFirst();
            }
        });
    }

    /**
     * Puts a parked delivery back to PENDING, due now, with its attempts reset. With a subject key it goes out before
     * the later events of its key it held back; it waits itself while an earlier one of its key is still parked.
     */
    public ReplayOutcome replay(String deliveryId, long now) {
        return replay(deliveryId, now, Connection::commit);
    }

    /** {@link #replay(String, long)}, committed by {@code commit} when it changed the delivery (with its audit record). */
    public ReplayOutcome replay(String deliveryId, long now, Commit commit) {
        return inTransaction(c -> {
            int changed = update(c, "UPDATE events_delivery SET status = ?, attempts = 0, next_attempt_ms = ?, updated_ms = ?"
                    + " WHERE id = ? AND status = ?", PENDING, now, now, deliveryId, PARKED);
            if (changed == 1) {
                commit(commit, c);
                return ReplayOutcome.REPLAYED;
            }
            return exists(c, deliveryId) ? ReplayOutcome.NOT_PARKED : ReplayOutcome.NOT_FOUND;
        });
    }

    /**
     * Gives up on a parked delivery: it is kept as DISCARDED (purged like a delivered one) and no longer holds back
     * the later events of its subject key, which the relay then delivers in order.
     */
    public ReplayOutcome discard(String deliveryId, long now) {
        return discard(deliveryId, now, Connection::commit);
    }

    /** {@link #discard(String, long)}, committed by {@code commit} when it changed the delivery (with its audit record). */
    public ReplayOutcome discard(String deliveryId, long now, Commit commit) {
        return inTransaction(c -> {
            int changed = update(c, "UPDATE events_delivery SET status = ?, updated_ms = ? WHERE id = ? AND status = ?",
                    DISCARDED, now, deliveryId, PARKED);
            if (changed == 1) {
                commit(commit, c);
                return ReplayOutcome.DISCARDED;
            }
            return exists(c, deliveryId) ? ReplayOutcome.NOT_PARKED : ReplayOutcome.NOT_FOUND;
        });
    }

    /** Commits a change's transaction; the dead-letter endpoints write their audit record on it first. */
    @FunctionalInterface
    public interface Commit {
        void commit(Connection transaction) throws Exception;
    }

    private static void commit(Commit commit, Connection c) throws SQLException {
        try {
            commit.commit(c);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("could not commit: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String deliveryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events_delivery WHERE id = ?")) {
            ps.setString(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<Subscription> subscriptions(Connection c, long seenSince) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT subscriber, event_types, first_seen_ms FROM events_subscription WHERE last_seen_ms >= ? ORDER BY subscriber")) {
            ps.setLong(1, seenSince);
            List<Subscription> subscriptions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subscriptions.add(new Subscription(rs.getString(1), Subscription.parseTypes(rs.getString(2)), rs.getLong(3)));
                }
            }
            return subscriptions;
        }
    }

    private static List<DeadLetter> deadLetters(PreparedStatement ps) throws SQLException {
        List<DeadLetter> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                DeadLetter d = new DeadLetter();
                d.id = rs.getString(1);
                d.eventId = rs.getString(2);
                d.subscriber = rs.getString(3);
                d.status = rs.getString(4);
                d.attempts = rs.getInt(5);
                d.lastError = rs.getString(6);
                d.updatedAt = Instant.ofEpochMilli(rs.getLong(7)).toString();
                d.eventType = rs.getString(8);
                d.source = rs.getString(9);
                d.occurredAt = Instant.ofEpochMilli(rs.getLong(10)).toString();
                d.payload = rs.getString(11);
                d.subjectKey = rs.getString(12);
                d.holdsBack = rs.getInt(13);
                d.blockedBy = rs.getString(14);
                list.add(d);
            }
        }
        return list;
    }

    private int update(String sql, Object... params) {
        return inTransaction(c -> update(c, sql, params));
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Event store: " + e.getMessage(), e);
        }
    }
}
