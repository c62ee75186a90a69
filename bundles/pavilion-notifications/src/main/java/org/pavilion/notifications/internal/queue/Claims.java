package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.pavilion.notifications.api.OutgoingMessage;

/**
 * Claims due messages of one channel with plain, portable SQL (H2 and PostgreSQL): a select of candidates (expired
 * claims first, then due QUEUED rows, oldest first), then one conditional update per row (a JDBC batch) guarded by its
 * version and status, so of two containers claiming the same row only one updates it. An expired claim is a SENDING
 * row whose container died before reporting.
 */
final class Claims {

    /** A claimed row: its version after the claim guards the outcome's update. */
    record Claimed(String id, int version, String eventType, int attempts, OutgoingMessage message) {
    }

    /** What one claim found: how many rows were due (up to the limit) and which of them this container won. */
    record Batch(int candidates, List<Claimed> claimed) {
    }

    private static final String COLUMNS = "select id, version, event_type, attempts, address, subject, body,"
            + " language, urgent from nt_notification where channel = ? and ";
    /** Two selects rather than one with OR, so each uses the (status, next_attempt_ms) index on both databases. */
    private static final String EXPIRED = COLUMNS
            + "status = 'SENDING' and claim_until_ms < ? order by claim_until_ms, id";
    private static final String DUE = COLUMNS
            + "status = 'QUEUED' and next_attempt_ms <= ? order by next_attempt_ms, id";

    private static final String CLAIM = "update nt_notification set status = 'SENDING', claimed_by = ?,"
            + " claim_until_ms = ?, updated_ms = ?, version = version + 1 where id = ? and version = ?"
            + " and (status = 'QUEUED' or (status = 'SENDING' and claim_until_ms < ?))";

    private Claims() {
    }

    static Batch claim(Connection c, String channel, String containerId, long now, long claimUntil, int limit)
            throws SQLException {
        List<Claimed> candidates = new ArrayList<>();
        select(c, EXPIRED, channel, now, limit, candidates);
        if (candidates.size() < limit) {
            select(c, DUE, channel, now, limit - candidates.size(), candidates);
        }
        if (candidates.isEmpty()) {
            return new Batch(0, List.of());
        }
        int[] counts;
        try (PreparedStatement u = c.prepareStatement(CLAIM)) {
            for (Claimed k : candidates) {
                u.setString(1, containerId);
                u.setLong(2, claimUntil);
                u.setLong(3, now);
                u.setString(4, k.id());
                u.setInt(5, k.version() - 1);
                u.setLong(6, now);
                u.addBatch();
            }
            counts = u.executeBatch();
        }
        List<Claimed> won = new ArrayList<>(candidates.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                won.add(candidates.get(i));
            }
        }
        return new Batch(candidates.size(), won);
    }

    private static void select(Connection c, String sql, String channel, long now, int limit, List<Claimed> into)
            throws SQLException {
        // FETCH FIRST is standard SQL that H2 2.x and PostgreSQL both plan as a limit; limit is our own int
        try (PreparedStatement s = c.prepareStatement(sql + " fetch first " + limit + " rows only")) {
            s.setString(1, channel);
            s.setLong(2, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    into.add(new Claimed(id, r.getInt(2) + 1, r.getString(3), r.getInt(4), new OutgoingMessage(
                            id, r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getBoolean(9))));
                }
            }
        }
    }
}
