package org.pavilion.example.internal;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with the visitor log's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through an OpenJPA unit over the same entity.
 */
final class ExampleDatabase implements AutoCloseable {

    final EntityManagerFactory emf;
    private final ChangeLogDatabase database;

    ExampleDatabase() throws Exception {
        database = new ChangeLogDatabase("example", VisitService.CHANGELOG);
        emf = Persistence.createEntityManagerFactory("example-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
