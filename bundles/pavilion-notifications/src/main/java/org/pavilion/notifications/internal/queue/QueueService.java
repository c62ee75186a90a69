package org.pavilion.notifications.internal.queue;

import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsConfig;

/**
 * The queue's way in and the providers' later reports (docs/notifications-api.md, "The path of a message"): a message
 * is queued once per dedup key, due now or at the end of quiet hours; a suppressed one is logged and never sent.
 */
@Component(service = NotificationQueue.class, configurationPid = NotificationsConfig.PID)
public class QueueService implements NotificationQueue {

    private final JpaTransactions jpa;
    private final NotificationClock clock;
    private volatile QuietHours quietHours;

    @Activate
    public QueueService(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference NotificationClock clock, NotificationsConfig config) {
        this(emf, clock, QuietHours.of(config));
    }

    /** For tests. */
    public static QueueService of(EntityManagerFactory emf, NotificationClock clock, QuietHours quietHours) {
        return new QueueService(emf, clock, quietHours);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private QueueService(EntityManagerFactory emf, NotificationClock clock, QuietHours quietHours) {
        this.jpa = new JpaTransactions(emf);
        this.clock = clock;
        this.quietHours = quietHours;
    }

    @Modified
    void modified(NotificationsConfig config) {
        quietHours = QuietHours.of(config);
    }

    @Override
    public boolean enqueue(EntityManager em, NewNotification n) {
        Long present = em.createQuery("select count(n) from NotificationEntity n where n.dedupKey = :key", Long.class)
                .setParameter("key", n.dedupKey()).getSingleResult();
        if (present > 0) {
            return false;
        }
        long now = clock.millis();
        boolean suppressed = n.suppressedReason() != null;
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
        // a reset link that will never be sent is not kept either
        e.setBody(suppressed && Secrets.secretBody(n.eventType()) ? null : n.body());
        e.setUrgent(n.urgent());
        e.setStatus(suppressed ? SUPPRESSED : QUEUED);
        e.setAttempts(0);
        e.setNextAttemptMs(suppressed ? now : quietHours.dueAt(now, n.urgent()));
        e.setLastAnswer(suppressed ? n.suppressedReason() : null);
        e.setCreatedMs(now);
        e.setUpdatedMs(now);
        em.persist(e);
        if (suppressed) {
            Attempts.record(em, e, SUPPRESSED, n.suppressedReason(), null, now);
        }
        return true;
    }

    @Override
    public int cancelQueued(EntityManager em, String subjectRef, String eventType, String reason) {
        List<NotificationEntity> queued = em.createQuery("select n from NotificationEntity n where n.subjectRef = :s"
                + " and n.eventType = :t and n.status = :q", NotificationEntity.class)
                .setParameter("s", subjectRef).setParameter("t", eventType).setParameter("q", QUEUED).getResultList();
        long now = clock.millis();
        for (NotificationEntity n : queued) {
            n.setStatus(CANCELLED);
            n.setLastAnswer(Secrets.answer(reason));
            n.setUpdatedMs(now);
            if (Secrets.secretBody(n.getEventType())) {
                n.setBody(null);
            }
            Attempts.record(em, n, CANCELLED, reason, null, now);
        }
        return queued.size();
    }

    @Override
    public boolean report(String notificationId, String providerMessageId, Report report, String answer) {
        return jpa.call(em -> {
            NotificationEntity n = notificationId == null ? null : em.find(NotificationEntity.class, notificationId);
            if (n == null && providerMessageId != null) {
                n = em.createQuery("select n from NotificationEntity n where n.providerMessageId = :p",
                        NotificationEntity.class).setParameter("p", providerMessageId).setMaxResults(1)
                        .getResultList().stream().findFirst().orElse(null);
            }
            if (n == null) {
                return false;
            }
            long now = clock.millis();
            n.setStatus(report.name());
            n.setLastAnswer(Secrets.answer(answer));
            n.setUpdatedMs(now);
            Attempts.record(em, n, report.name(), answer, null, now);
            return true;
        });
    }
}
