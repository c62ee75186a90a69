package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.pavilion.notifications.api.OutgoingMessage;

/**
 * Claims due messages of one channel with plain, portable SQL (H2 and PostgreSQL): a select of candidates, then one
 * conditional update per row guarded by its version and status, so of two containers claiming the same row only one
 * updates it. Candidates are QUEUED rows due now and SENDING rows whose claim expired (their container died).
 */
final class Claims {

    /** A claimed row: its version after the claim guards the outcome's update. */
    record Claimed(String id, int version, String eventType, int attempts, OutgoingMessage message) {
    }

    /** What one claim found: how many rows were due (up to the limit) and which of them this container won. */
    record Batch(int candidates, List<Claimed> claimed) {
    }

    private static final String CANDIDATES = "select id, version, event_type, attempts, address, subject, body,"
            + " language, urgent from nt_notification where channel = ? and ((status = 'QUEUED' and next_attempt_ms <= ?)"
            + " or (status = 'SENDING' and claim_until_ms < ?)) order by next_attempt_ms, id";

    private static final String CLAIM = "update nt_notification set status = 'SENDING', claimed_by = ?,"
            + " claim_until_ms = ?, updated_ms = ?, version = version + 1 where id = ? and version = ?"
            + " and (status = 'QUEUED' or (status = 'SENDING' and claim_until_ms < ?))";

    private Claims() {
    }

    static Batch claim(Connection c, String channel, String containerId, long now, long claimUntil, int limit)
            throws SQLException {
        List<Claimed> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CANDIDATES)) {
            s.setMaxRows(limit);
            s.setString(1, channel);
            s.setLong(2, now);
            s.setLong(3, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    candidates.add(new Claimed(id, r.getInt(2) + 1, r.getString(3), r.getInt(4), new OutgoingMessage(
                            id, r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getBoolean(9))));
                }
            }
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
}
