package org.pavilion.example.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A fresh database with the visitor log's real change log, through an OpenJPA unit over the same entity. In-memory
 * H2 by default; with {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own on
 * that PostgreSQL, dropped on close.
 */
final class ExampleDatabase implements AutoCloseable {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    private static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    final EntityManagerFactory emf;
    private final String url;
    private final String postgresSchema;

    ExampleDatabase() throws Exception {
        String driver;
        if (POSTGRES.isBlank()) {
            postgresSchema = null;
            url = "jdbc:h2:mem:example-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            driver = "org.h2.Driver";
        } else {
            postgresSchema = "example_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + postgresSchema);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema;
            driver = "org.postgresql.Driver";
        }
        try (Connection c = DriverManager.getConnection(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/example-changelog.xml", new ClassLoaderResourceAccessor(), database)
                    .update(new Contexts(), new LabelExpression());
        }
        emf = Persistence.createEntityManagerFactory("example-test",
                Map.of("openjpa.ConnectionURL", url, "openjpa.ConnectionDriverName", driver));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        try (Connection c = DriverManager.getConnection(postgresSchema == null ? url : POSTGRES);
             Statement s = c.createStatement()) {
            s.execute(postgresSchema == null ? "SHUTDOWN" : "DROP SCHEMA " + postgresSchema + " CASCADE");
        }
    }
}
