package org.pavilion.events.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import javax.persistence.Persistence;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;


/**
 * A fresh database with the bundle's real change log applied, seen both as a DataSource (the relay's side)
 * and through an OpenJPA unit (a department publishing in its own transaction). In-memory H2 by default;
 * with {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..&password=..} each test gets its
 * own schema on that PostgreSQL instead.
 */
public final class TestDatabase implements AutoCloseable {

    // Held so the level sticks: Liquibase logs every change set through java.util.logging.
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    public final DataSource dataSource;
    final EntityManagerFactory emf;
    private final String postgresSchema;

    public TestDatabase() throws Exception {
        String url;
        String driver;
        if (POSTGRES.isBlank()) {
            postgresSchema = null;
            url = "jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            driver = "org.h2.Driver";
        } else {
            postgresSchema = "events_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + postgresSchema);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema;
            driver = "org.postgresql.Driver";
        }
        dataSource = new UrlDataSource(url);
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/events-changelog.xml", new ClassLoaderResourceAccessor(), database)
                    .update(new Contexts(), new LabelExpression());
        }
        emf = Persistence.createEntityManagerFactory("department-test",
                Map.of("openjpa.ConnectionURL", url, "openjpa.ConnectionDriverName", driver));
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
        if (postgresSchema == null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } else {
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + postgresSchema + " CASCADE");
            }
        }
    }
}
