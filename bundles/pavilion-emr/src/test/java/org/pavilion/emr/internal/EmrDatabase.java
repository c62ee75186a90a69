package org.pavilion.emr.internal;

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
 * A fresh database with the EMR's real change logs (db/emr-changelog.xml and its includes) behind an OpenJPA unit
 * of the EMR's entities. In-memory H2 by default; with {@code -Dpavilion.test.postgres=jdbc:postgresql://..} a
 * schema of its own on that PostgreSQL, dropped on close.
 */
public final class EmrDatabase implements AutoCloseable {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    private static final String POSTGRES = System.getProperty("pavilion.test.postgres", "");

    public final EntityManagerFactory emf;
    private final String url;
    private final String schema;

    public EmrDatabase() throws Exception {
        String driver;
        if (POSTGRES.isBlank()) {
            schema = null;
            url = "jdbc:h2:mem:emr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            driver = "org.h2.Driver";
        } else {
            schema = "emr_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            driver = "org.postgresql.Driver";
        }
        try (Connection c = DriverManager.getConnection(url)) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/emr-changelog.xml", new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
        emf = Persistence.createEntityManagerFactory("emr-test",
                Map.of("openjpa.ConnectionURL", url, "openjpa.ConnectionDriverName", driver));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        try (Connection c = DriverManager.getConnection(schema == null ? url : POSTGRES);
             Statement s = c.createStatement()) {
            s.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** A registered patient row as the desk writes it (names with their search keys), to persist in a test. */
    public static PatientEntity patient(String mrn, String given, String family, String sex, String birthDate) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName(given);
        p.setFamilyName(family);
        p.setGivenNameNorm(Names.normalise(given));
        p.setFamilyNameNorm(Names.normalise(family));
        p.setSex(sex);
        p.setBirthDate(birthDate);
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        return p;
    }
}
