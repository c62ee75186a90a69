package org.pavilion.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with the bundle's real change log applied (core's {@link ChangeLogDatabase}: in-memory H2, or a
 * schema of its own on the PostgreSQL {@code -Dpavilion.test.postgres} names), seen both as a DataSource (the relay's
 * side) and through an OpenJPA unit (a department publishing in its own transaction).
 */
public final class TestDatabase implements AutoCloseable {

    public final DataSource dataSource;
    final EntityManagerFactory emf;
    private final ChangeLogDatabase database;

    public TestDatabase() throws Exception {
        database = new ChangeLogDatabase("events", "db/events-changelog.xml");
        dataSource = database;
        emf = Persistence.createEntityManagerFactory("department-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    /** The delivery row of an event for a subscriber: status, attempts, next_attempt_ms, last_error; null if none. */
    Object[] delivery(String eventId, String subscriber) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, attempts, next_attempt_ms, last_error, id"
                     + " FROM events_delivery WHERE event_id = ? AND subscriber = ?")) {
            ps.setString(1, eventId);
            ps.setString(2, subscriber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)} : null;
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        emf.close();
        database.close();
    }
}
