package org.pavilion.core.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Failed logins per (account, client address) in core_login_failure, so guesses from one address lock that pair only.
 * An attempt is reserved in the database before its hash is verified, with a conditional increment that cannot pass
 * the threshold however many attempts run at once, in this container or another on the same database.
 * A pair is locked while failures &gt;= max and its last attempt is younger than the lock time.
 */
final class LoginFailures {

    private static final String RESERVE = "UPDATE core_login_failure SET "
            + "failures = CASE WHEN failures >= ? THEN 1 ELSE failures + 1 END, updated_ms = ? "
            + "WHERE username = ? AND client_address = ? AND (failures < ? OR updated_ms <= ?)";

    private final JpaTransactions jpa;

    LoginFailures(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    /**
     * Reserves one attempt for the pair: true when it may be verified, false when the pair is locked. The failure
     * counts until {@link #succeeded} clears it, so an attempt that dies half-way still counts.
     */
    boolean reserve(String username, String address, int max, long nowMs, long lockMs) {
        if (reserveExisting(username, address, max, nowMs, lockMs)) {
            return true;
        }
        if (exists(username, address)) {
            return false; // the row is there and the conditional increment refused: locked
        }
        insertTolerant(username, address, nowMs);
        return reserveExisting(username, address, max, nowMs, lockMs);
    }

    /** A failed verification: a pair that reached the threshold is locked from now for the lock time. */
    boolean failed(String username, String address, int max, long nowMs) {
        return jpa.call(em -> update(em, "UPDATE core_login_failure SET updated_ms = ? WHERE username = ? "
                + "AND client_address = ? AND failures >= ?", nowMs, username, address, max)) > 0;
    }

    /** A verified password: the pair starts afresh. */
    void succeeded(String username, String address) {
        jpa.call(em -> update(em, "DELETE FROM core_login_failure WHERE username = ? AND client_address = ?",
                username, address));
    }

    /** Clears every pair of {@code username} inside the caller's transaction; the number of pairs cleared. */
    static int unlock(EntityManager em, String username) {
        return update(em, "DELETE FROM core_login_failure WHERE username = ?", username);
    }

    /** Forgets pairs untouched for {@code olderThanMs}: they neither lock nor matter any more. */
    void purge(long nowMs, long olderThanMs) {
        jpa.call(em -> update(em, "DELETE FROM core_login_failure WHERE updated_ms < ?", nowMs - olderThanMs));
    }

    /** The pairs of {@code username} locked at {@code nowMs}, inside the caller's transaction. */
    static List<LockedAddress> locked(EntityManager em, String username, int max, long nowMs, long lockMs) {
        List<LockedAddress> out = new ArrayList<>();
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement ps = c.prepareStatement("SELECT client_address, failures, updated_ms FROM "
                        + "core_login_failure WHERE username = ? AND failures >= ? AND updated_ms > ? "
                        + "ORDER BY client_address")) {
            ps.setString(1, username);
            ps.setInt(2, max);
            ps.setLong(3, nowMs - lockMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LockedAddress l = new LockedAddress();
                    l.clientAddress = rs.getString(1);
                    l.failures = rs.getInt(2);
                    l.lockedUntil = java.time.Instant.ofEpochMilli(rs.getLong(3) + lockMs).toString();
                    out.add(l);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    private boolean reserveExisting(String username, String address, int max, long nowMs, long lockMs) {
        return jpa.call(em -> update(em, RESERVE, max, nowMs, username, address, max, nowMs - lockMs)) == 1;
    }

    private boolean exists(String username, String address) {
        return jpa.call(em -> {
            try (Connection c = JpaTransactions.connection(em);
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT 1 FROM core_login_failure WHERE username = ? AND client_address = ?")) {
                ps.setString(1, username);
                ps.setString(2, address);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** Creates the pair's row; a concurrent attempt that created it first is fine (its own transaction fails). */
    private void insertTolerant(String username, String address, long nowMs) {
        try {
            jpa.call(em -> update(em, "INSERT INTO core_login_failure (username, client_address, failures, updated_ms) "
                    + "VALUES (?, ?, 0, ?)", username, address, nowMs));
        } catch (RuntimeException e) {
            if (!exists(username, address)) {
                throw e;
            }
        }
    }

    private static int update(EntityManager em, String sql, Object... args) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
