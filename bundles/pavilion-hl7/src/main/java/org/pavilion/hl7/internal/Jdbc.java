package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.pavilion.hl7.internal.MessageStore.Hl7StoreException;

/** The hub's single-statement writes: one auto-committed statement on a pooled connection. */
public final class Jdbc {

    private Jdbc() {
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Runs one UPDATE/DELETE in its own transaction; {@code table} names what failed. Returns the rows changed. */
    public static int update(DataSource dataSource, String table, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new Hl7StoreException("updating " + table + " failed", e);
        }
    }
}
