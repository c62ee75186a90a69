package org.pavilion.core.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.h2.jdbcx.JdbcDataSource;
import org.pavilion.core.internal.db.LiquibaseSchemaMigrator;

/** A fresh in-memory H2 database with the core's real change log applied, and the core's JPA unit on it. */
public final class CoreTestDatabase implements AutoCloseable {

    // Held so the level sticks: Liquibase logs every change set through java.util.logging.
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public final JdbcDataSource dataSource = new JdbcDataSource();
    public final EntityManagerFactory emf;

    public CoreTestDatabase() {
        String url = "jdbc:h2:mem:core-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        dataSource.setURL(url);
        LiquibaseSchemaMigrator.migrateForTest(dataSource, getClass().getClassLoader());
        emf = Persistence.createEntityManagerFactory("pavilion-core-test", Map.of("openjpa.ConnectionURL", url));
    }

    public int execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public void close() throws Exception {
        emf.close();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
