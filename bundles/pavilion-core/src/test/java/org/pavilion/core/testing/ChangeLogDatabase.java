package org.pavilion.core.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A fresh database with a bundle's real Liquibase change log applied, for a module's unit tests: an in-memory H2, or a
 * schema of its own on the PostgreSQL that {@code -Dpavilion.test.postgres=jdbc:postgresql://127.0.0.1:5432/db?user=..}
 * names. It is a DataSource that opens a new connection per call, like an unpooled pax-jdbc one; {@link #close()}
 * shuts the H2 down or drops the schema.
 */
public class ChangeLogDatabase implements DataSource, AutoCloseable {

    /** The PostgreSQL URL the build was given, empty when none. */
    public static final String POSTGRES = System.getProperty("pavilion.test.postgres", "").trim();

    // Held so the level sticks: Liquibase logs every change set through java.util.logging.
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final String url;
    private final String schema;

    /** On PostgreSQL when the build names one, else on H2. */
    public ChangeLogDatabase(String name, String changeLog) throws Exception {
        this(name, changeLog, !POSTGRES.isEmpty());
    }

    /**
     * @param name      a short name (letters, digits, underscores) for the H2 database or PostgreSQL schema
     * @param changeLog the change log's class path resource, e.g. {@code db/events-changelog.xml}
     * @param postgres  on the PostgreSQL the build names; the caller skips the test when none is named
     */
    public ChangeLogDatabase(String name, String changeLog, boolean postgres) throws Exception {
        if (postgres) {
            if (POSTGRES.isEmpty()) {
                throw new IllegalStateException("no -Dpavilion.test.postgres given");
            }
            schema = name + "_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
        // Not getConnection(): a subclass may gate that, and its fields are not set yet.
        try (Connection c = DriverManager.getConnection(url)) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(changeLog, new ClassLoaderResourceAccessor(), db).update(new Contexts(), new LabelExpression());
        }
    }

    public boolean onPostgres() {
        return schema != null;
    }

    /** The JDBC URL, for a persistence unit opened on the same database. */
    public String url() {
        return url;
    }

    /** The JDBC driver class of {@link #url()}. */
    public String driverClass() {
        return onPostgres() ? "org.postgresql.Driver" : "org.h2.Driver";
    }

    @Override
    public void close() throws SQLException {
        if (schema == null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } else {
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
