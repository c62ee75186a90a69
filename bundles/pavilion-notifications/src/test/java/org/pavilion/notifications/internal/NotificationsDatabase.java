package org.pavilion.notifications.internal;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * A fresh database with notifications' real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through the OpenJPA unit {@code notifications-test}.
 */
public final class NotificationsDatabase implements AutoCloseable {

    public final EntityManagerFactory emf;
    /** Plain JDBC on the same database. */
    public final ChangeLogDatabase database;
    public final JpaTransactions jpa;

    public NotificationsDatabase() throws Exception {
        database = new ChangeLogDatabase("notifications", "db/notifications-changelog.xml");
        emf = Persistence.createEntityManagerFactory("notifications-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        jpa = new JpaTransactions(emf);
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
