package org.pavilion.notifications.internal.privacy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.notifications.internal.queue.AttemptEntity;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.queue.NotificationQueue;

/**
 * One erasure in one transaction: the opt-outs deleted; the messages' address, subject and text removed, their rows
 * kept for the delivery counts, those still queued cancelled; scheduled reminders cancelled and every reminder's
 * payload (the appointment's event) emptied. Selects only what is still there, so a repeated erasure finds nothing.
 */
final class NotificationsErasure {

    static final String EMPTY_PAYLOAD = "{}";
    static final String WHY_CANCELLED = "cancelled: the patient was erased";
    static final String ACTOR = "privacy";

    private final EntityManager em;
    private final List<String> mrns;
    private final long now;

    NotificationsErasure(EntityManager em, Collection<String> mrns, long now) {
        this.em = em;
        this.mrns = List.copyOf(mrns);
        this.now = now;
    }

    /** The queued ones cancelled, each with a CANCELLED line in its delivery log saying why. */
    private int cancelQueued() {
        List<NotificationEntity> queued = em.createQuery("SELECT n FROM NotificationEntity n WHERE n.patientId IN :m"
                + " AND n.status = :q", NotificationEntity.class).setParameter("m", mrns)
                .setParameter("q", NotificationQueue.QUEUED).getResultList();
        for (NotificationEntity n : queued) {
            n.setStatus(NotificationQueue.CANCELLED);
            n.setLastAnswer(WHY_CANCELLED);
            n.setUpdatedMs(now);
            AttemptEntity a = new AttemptEntity();
            a.setId(UUID.randomUUID().toString());
            a.setNotificationId(n.getId());
            // not a send: the attempts made so far, as the log's other non-sending lines do
            a.setAttemptNo(n.getAttempts());
            a.setAtMs(now);
            a.setOutcome(NotificationQueue.CANCELLED);
            a.setAnswer(WHY_CANCELLED);
            a.setActor(ACTOR);
            em.persist(a);
        }
        em.flush();
        return queued.size();
    }

    ParticipantOutcome run() {
        int preferences = em.createQuery("DELETE FROM PreferenceEntity p WHERE p.patientId IN :m")
                .setParameter("m", mrns).executeUpdate();
        // before the texts go: the cancelled count is of messages that would still have been sent
        int cancelled = cancelQueued();
        int emptied = em.createQuery("UPDATE NotificationEntity n SET n.address = NULL, n.subject = NULL,"
                + " n.body = NULL, n.updatedMs = :now, n.version = n.version + 1 WHERE n.patientId IN :m"
                + " AND (n.address IS NOT NULL OR n.subject IS NOT NULL OR n.body IS NOT NULL)")
                .setParameter("m", mrns).setParameter("now", now).executeUpdate();
        long kept = em.createQuery("SELECT COUNT(n) FROM NotificationEntity n WHERE n.patientId IN :m", Long.class)
                .setParameter("m", mrns).getSingleResult();
        int remindersCancelled = em.createQuery("UPDATE ReminderEntity r SET r.status = 'CANCELLED',"
                + " r.updatedMs = :now, r.version = r.version + 1 WHERE r.patientId IN :m AND r.status = 'SCHEDULED'")
                .setParameter("m", mrns).setParameter("now", now).executeUpdate();
        int payloads = em.createQuery("UPDATE ReminderEntity r SET r.payload = :empty, r.updatedMs = :now,"
                + " r.version = r.version + 1 WHERE r.patientId IN :m AND r.payload <> :empty")
                .setParameter("m", mrns).setParameter("empty", EMPTY_PAYLOAD).setParameter("now", now).executeUpdate();
        return ParticipantOutcome.builder()
                .removed("opt-outs per channel", preferences, "preferences are the patient's own data, not a record"
                        + " anyone must keep")
                .removed("queued messages (cancelled)", cancelled, "nothing more is sent to an erased patient")
                .anonymised("messages (address, subject and text removed)", emptied, "they named and described the"
                        + " patient")
                .kept("message rows", kept, "channel, event type, status and times only, for the delivery counts")
                .removed("scheduled reminders (cancelled)", remindersCancelled, "nothing more is sent to an erased"
                        + " patient")
                .anonymised("reminder payloads (emptied)", payloads, "they held the appointment's details")
                .build();
    }
}
