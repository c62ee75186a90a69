package org.pavilion.scheduling.internal.waitlist;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with the department's real change log (in-memory H2, or with
 * {@code -Dpavilion.test.postgres=...} a schema of its own on PostgreSQL), through the test unit over its entities.
 */
final class WaitlistDatabase implements AutoCloseable {

    final EntityManagerFactory emf;
    final ChangeLogDatabase database;

    WaitlistDatabase() throws Exception {
        database = new ChangeLogDatabase("waitlist", "db/scheduling-changelog.xml");
        emf = Persistence.createEntityManagerFactory("scheduling-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
