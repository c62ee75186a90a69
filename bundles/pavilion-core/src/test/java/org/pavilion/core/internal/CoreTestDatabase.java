package org.pavilion.core.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.pavilion.core.internal.db.LiquibaseSchemaMigrator;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the core's real change log applied, and the core's JPA unit on it. In-memory H2 by default;
 * with {@code -Dpavilion.test.postgres=jdbc:postgresql://127.0.0.1:5432/db?user=postgres} a schema of its own on
 * that PostgreSQL, dropped on close.
 */
public final class CoreTestDatabase implements AutoCloseable {

    // Held so the level sticks: Liquibase logs every change set through java.util.logging.
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    public final DataSource dataSource;
    public final EntityManagerFactory emf;
    private final String postgresSchema;

    public CoreTestDatabase() {
        this(true);
    }

    /** {@code migrate} false: an empty database, for a test that applies the change log in steps. */
    public CoreTestDatabase(boolean migrate) {
        String url;
        String driver;
        if (POSTGRES.isBlank()) {
            postgresSchema = null;
            url = "jdbc:h2:mem:core-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            dataSource = h2;
            driver = "org.h2.Driver";
        } else {
            postgresSchema = "core_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + postgresSchema);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema;
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            dataSource = pg;
            driver = "org.postgresql.Driver";
        }
        if (migrate) {
            LiquibaseSchemaMigrator.migrateForTest(dataSource, getClass().getClassLoader());
        }
        emf = Persistence.createEntityManagerFactory("pavilion-core-test",
                Map.of("openjpa.ConnectionURL", url, "openjpa.ConnectionDriverName", driver));
    }

    public boolean isPostgres() {
        return postgresSchema != null;
    }

    public int execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public void close() throws Exception {
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
