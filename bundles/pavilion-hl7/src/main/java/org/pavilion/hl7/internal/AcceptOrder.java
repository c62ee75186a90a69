package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The order in which accepted (AA) messages reach integrators' routes: accept_seq numbers are handed out under one
 * lock that is held until the transaction holding them has committed, so no number becomes visible before a smaller
 * one and a route reading "after my cursor" never skips one. Two kinds of transaction take numbers: the store's
 * group commit, and a department's transaction that the hub's completion joins (the EMR directory's). A transaction
 * rolled back leaves a gap, which routes step over.
 */
final class AcceptOrder {

    private final ReentrantLock lock = new ReentrantLock();
    /** The last number handed out (read from the table before the first); under the lock. */
    private long last = -1;

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** The next number, for a transaction on {@code c} that commits before {@link #unlock}. */
    long next(Connection c) throws SQLException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("accept_seq is taken holding the accept order");
        }
        if (last < 0) {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(accept_seq), 0) FROM hl7_message");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
        }
        return ++last;
    }
}
