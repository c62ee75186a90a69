package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.pavilion.core.api.retry.Backoff;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * The queue of one hospital on a fresh database (H2, or PostgreSQL with -Dpavilion.test.postgres): a clock the test
 * moves, quiet hours 21:00-08:00 in Paris, the queue service, and helpers to queue the day's messages.
 */
public final class Ward implements AutoCloseable {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday 7 December 2026, 09:00 in Paris. */
    public static final Instant MONDAY_9AM = ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, PARIS).toInstant();

    public final NotificationsDatabase db;
    public final MutableClock clock = new MutableClock(MONDAY_9AM);
    public final NotificationClock notificationClock = NotificationClock.of(clock);
    public final QueueService queue;

    public Ward() throws Exception {
        db = new NotificationsDatabase();
        queue = QueueService.of(db.emf, notificationClock, QuietHours.of("21:00", "08:00", PARIS.getId()));
    }

    public static QueueSettings settings() {
        return new QueueSettings(1000, 50, 2, 8, new Backoff(30_000, 3_600_000), 300_000, 365);
    }

    public Dispatcher dispatcher(ChannelRegistry channels, QueueSettings settings) {
        return new Dispatcher(db.emf, channels, notificationClock, settings);
    }

    /** An appointment confirmation to patient {@code mrn}. */
    public static NewNotification booked(String appointmentId, String mrn, String channel) {
        return new NewNotification("evt-" + appointmentId + "|appointment-booked-" + channel.toLowerCase() + "|" + mrn
                + "|" + channel, "AppointmentBooked", "evt-" + appointmentId, "appointment-booked-"
                + channel.toLowerCase(), "appointment:" + appointmentId, "PATIENT", mrn, mrn, channel,
                channel.equals("SMS") ? "+33612345678" : mrn.toLowerCase() + "@example.org", "fr",
                channel.equals("SMS") ? null : "Votre rendez-vous", "Votre rendez-vous du lundi 7 décembre à 09:30",
                false, null);
    }

    /** A critical result alert to Dr {@code username} (urgent). */
    public static NewNotification critical(String orderId, String username) {
        return new NewNotification("evt-crit-" + orderId + "|critical-result-sms|" + username + "|SMS",
                "CriticalLabResult", "evt-crit-" + orderId, "critical-result-sms", "order:" + orderId, "STAFF",
                username, "MRN-CRIT", "SMS", "+33699999999", "en", null, "Critical result for order " + orderId,
                true, null);
    }

    public static NewNotification passwordReset(String username) {
        return new NewNotification("evt-reset-" + username + "|password-reset-email|" + username + "|EMAIL",
                Secrets.PASSWORD_RESET, "evt-reset-" + username, "password-reset-email", "account:" + username,
                "STAFF", username, null, "EMAIL", username + "@hospital.example", "en", "Reset your password",
                "Open https://pavilion.example/reset?token=s3cr3t-t0ken within 30 minutes", true, null);
    }

    public boolean enqueue(NewNotification n) {
        return db.jpa.call(em -> queue.enqueue(em, n));
    }

    public NotificationEntity row(String dedupKey) {
        return db.jpa.call(em -> em.createQuery("select n from NotificationEntity n where n.dedupKey = :k",
                NotificationEntity.class).setParameter("k", dedupKey).getSingleResult());
    }

    public List<AttemptEntity> attempts(String notificationId) {
        return db.jpa.call(em -> em.createQuery("select a from AttemptEntity a where a.notificationId = :id"
                + " order by a.atMs, a.attemptNo", AttemptEntity.class).setParameter("id", notificationId)
                .getResultList());
    }

    public long count(String status) {
        return db.jpa.call(em -> em.createQuery("select count(n) from NotificationEntity n where n.status = :s",
                Long.class).setParameter("s", status).getSingleResult());
    }

    /** Plain SQL on the test database (a dead container's claim, an old row). */
    public void sql(String sql, Object... params) throws Exception {
        try (Connection c = db.database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
