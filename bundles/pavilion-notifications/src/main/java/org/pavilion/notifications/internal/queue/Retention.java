package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.persistence.EntityManagerFactory;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.internal.NotificationClock;

/**
 * Keeps the delivery log's personal data only {@code logRetentionDays}: older rows lose their address, subject and
 * text; the row and its status stay for counts. Rows still waiting to go are left alone.
 */
public final class Retention {

    private static final String PURGE = "update nt_notification set address = null, subject = null, body = null,"
            + " version = version + 1 where created_ms < ? and status not in ('QUEUED', 'SENDING')"
            + " and (address is not null or subject is not null or body is not null)";

    private final JpaTransactions jpa;
    private final NotificationClock clock;

    public Retention(EntityManagerFactory emf, NotificationClock clock) {
        this.jpa = new JpaTransactions(emf);
        this.clock = clock;
    }

    /** Returns how many rows were emptied. */
    public int purge(int retentionDays) {
        long before = clock.millis() - retentionDays * 86_400_000L;
        return jpa.call(em -> {
            try (Connection c = JpaTransactions.connection(em); PreparedStatement u = c.prepareStatement(PURGE)) {
                u.setLong(1, before);
                return u.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
