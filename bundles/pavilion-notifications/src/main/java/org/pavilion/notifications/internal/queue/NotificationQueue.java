package org.pavilion.notifications.internal.queue;

import javax.persistence.EntityManager;

/**
 * The queue and delivery log ({@code nt_notification}, {@code nt_attempt}). Every message goes in through
 * {@link #enqueue}; the dispatcher takes them out.
 */
public interface NotificationQueue {

    /** Status values of {@code nt_notification.status}. */
    String QUEUED = "QUEUED", SENDING = "SENDING", SENT = "SENT", DELIVERED = "DELIVERED", FAILED = "FAILED",
            BOUNCED = "BOUNCED", SUPPRESSED = "SUPPRESSED", CANCELLED = "CANCELLED";

    /**
     * Queues {@code n} in {@code em}'s transaction unless its dedup key is already there. A non-urgent message made in
     * quiet hours is due at their end; a suppressed one is logged as SUPPRESSED with its reason and never sent.
     *
     * @return false when the key was already queued (nothing written)
     */
    boolean enqueue(EntityManager em, NewNotification n);

    /**
     * Cancels the QUEUED messages of {@code eventType} about {@code subjectRef} (a cancelled appointment's reminders
     * waiting for quiet hours to end), in {@code em}'s transaction.
     *
     * @return how many were cancelled
     */
    int cancelQueued(EntityManager em, String subjectRef, String eventType, String reason);

    /**
     * Records what a provider reported later: a bounce, a delivery receipt, a failure. Found by our notification id
     * when known, else by the provider's message id; in its own transaction.
     *
     * @return false when no notification matches
     */
    boolean report(String notificationId, String providerMessageId, Report report, String answer);

    /** A provider's later report on a sent message. */
    enum Report {
        DELIVERED, BOUNCED, FAILED
    }
}
