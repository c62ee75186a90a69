package org.pavilion.example.hl7.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.UUID;
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
 * The bundle's real change log on an in-memory H2, or on PostgreSQL in a schema of its own when
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://127.0.0.1:5432/db?user=postgres} is given (as the event bus's
 * tests do); the schema is dropped on close.
 */
final class VisitDatabase implements DataSource, AutoCloseable {

    static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    private final String url;
    private final String schema;

    VisitDatabase(boolean postgres) throws Exception {
        if (postgres) {
            schema = "example_hl7_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:example-hl7-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
        try (Connection c = getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(ExpectedVisits.CHANGELOG, new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
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
