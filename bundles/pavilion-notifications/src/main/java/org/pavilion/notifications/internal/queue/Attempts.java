package org.pavilion.notifications.internal.queue;

import java.util.UUID;

import javax.persistence.EntityManager;

/** Writes the {@code nt_attempt} rows of the delivery log that are not sends (reports, suppressions, requeues). */
public final class Attempts {

    /** Outcomes of {@code nt_attempt.outcome} besides the notification statuses. */
    public static final String RETRY = "RETRY", REQUEUED = "REQUEUED";

    private Attempts() {
    }

    public static AttemptEntity record(EntityManager em, NotificationEntity n, String outcome, String answer,
            String actor, long atMs) {
        AttemptEntity a = new AttemptEntity();
        a.setId(UUID.randomUUID().toString());
        a.setNotificationId(n.getId());
        a.setAttemptNo(n.getAttempts());
        a.setAtMs(atMs);
        a.setOutcome(outcome);
        a.setAnswer(Secrets.answer(answer));
        a.setActor(actor);
        em.persist(a);
        return a;
    }
}
