package org.pavilion.hl7.internal.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with the hub's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close).
 */
final class HubDatabase implements AutoCloseable {

    private final ChangeLogDatabase database;
    final DataSource dataSource;

    HubDatabase() throws Exception {
        database = new ChangeLogDatabase("hl7_privacy", "db/hl7-changelog.xml");
        dataSource = database;
    }

    String text(String sql, Object key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        database.close();
    }
}
