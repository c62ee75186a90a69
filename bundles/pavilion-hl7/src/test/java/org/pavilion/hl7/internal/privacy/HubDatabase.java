package org.pavilion.hl7.internal.privacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A fresh database with the hub's real change log: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close.
 */
final class HubDatabase implements AutoCloseable {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    private static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    final DataSource dataSource;
    private final String schema;

    HubDatabase() throws Exception {
        if (POSTGRES.isBlank()) {
            schema = null;
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:hl7-privacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            schema = "hl7_privacy_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            dataSource = pg;
        }
        try (Connection c = dataSource.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/hl7-changelog.xml", new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
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
        try (Connection c = schema == null ? dataSource.getConnection() : DriverManager.getConnection(POSTGRES);
             Statement s = c.createStatement()) {
            s.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
