package org.pavilion.notifications.internal.intake;

import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.notifications.internal.queue.NewNotification;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.queue.NotificationQueue;

/** The queue helper's NotificationQueue, reduced to writing nt_notification rows with the dedup check. */
public class FakeQueue implements NotificationQueue {

    @Override
    public boolean enqueue(EntityManager em, NewNotification n) {
        long existing = em.createQuery("SELECT COUNT(x) FROM NotificationEntity x WHERE x.dedupKey = :k", Long.class)
                .setParameter("k", n.dedupKey()).getSingleResult();
        if (existing > 0) {
            return false;
        }
        long now = System.currentTimeMillis();
        NotificationEntity e = new NotificationEntity();
        e.setId(UUID.randomUUID().toString());
        e.setDedupKey(n.dedupKey());
        e.setEventType(n.eventType());
        e.setEventId(n.eventId());
        e.setRuleId(n.ruleId());
        e.setSubjectRef(n.subjectRef());
        e.setRecipientKind(n.recipientKind());
        e.setRecipientRef(n.recipientRef());
        e.setPatientId(n.patientId());
        e.setChannel(n.channel());
        e.setAddress(n.address());
        e.setLanguage(n.language());
        e.setSubject(n.subject());
        e.setBody(n.body());
        e.setUrgent(n.urgent());
        e.setStatus(n.suppressedReason() == null ? QUEUED : SUPPRESSED);
        e.setLastAnswer(n.suppressedReason());
        e.setNextAttemptMs(now);
        e.setCreatedMs(now);
        e.setUpdatedMs(now);
        em.persist(e);
        return true;
    }

    @Override
    public int cancelQueued(EntityManager em, String subjectRef, String eventType, String reason) {
        return em.createQuery("UPDATE NotificationEntity x SET x.status = :c, x.lastAnswer = :r WHERE x.subjectRef = :s"
                + " AND x.eventType = :t AND x.status = :q").setParameter("c", CANCELLED).setParameter("r", reason)
                .setParameter("s", subjectRef).setParameter("t", eventType).setParameter("q", QUEUED).executeUpdate();
    }

    @Override
    public boolean report(String notificationId, String providerMessageId, Report report, String answer) {
        throw new UnsupportedOperationException("not the intake's business");
    }
}
