package ${package}.internal;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with the department's real change log (the platform's {@link ChangeLogDatabase}: in-memory H2, or
 * with {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through an OpenJPA unit over the same entities.
 */
final class DepartmentDatabase implements AutoCloseable {

    final EntityManagerFactory emf;
    private final ChangeLogDatabase database;

    DepartmentDatabase() throws Exception {
        database = new ChangeLogDatabase("${departmentName}", ReferralService.CHANGELOG);
        emf = Persistence.createEntityManagerFactory("${departmentName}-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
