package org.pavilion.notifications.internal.log;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.pavilion.notifications.internal.queue.AttemptEntity;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.queue.Secrets;

/** JSON answers of the delivery log (times as ISO-8601 instants). */
public final class DeliveryViews {

    private DeliveryViews() {
    }

    /** A message of the log; {@code attempts} only in the answer for one message. */
    public record Delivery(String id, String eventType, String eventId, String ruleId, String subjectRef,
            String recipientKind, String recipientRef, String patientId, String channel, String address,
            String language, String subject, String body, boolean urgent, String status, int attemptCount,
            String nextAttemptAt, String providerMessageId, String lastAnswer, String createdAt, String sentAt,
            String updatedAt, List<Attempt> attempts) {

        static Delivery of(NotificationEntity n, List<Attempt> attempts) {
            // a password reset link is never shown, whether or not it is still kept for sending
            String body = Secrets.secretBody(n.getEventType()) ? Secrets.NOT_KEPT : n.getBody();
            return new Delivery(n.getId(), n.getEventType(), n.getEventId(), n.getRuleId(), n.getSubjectRef(),
                    n.getRecipientKind(), n.getRecipientRef(), n.getPatientId(), n.getChannel(), n.getAddress(),
                    n.getLanguage(), n.getSubject(), body, n.isUrgent(), n.getStatus(), n.getAttempts(),
                    instant(n.getNextAttemptMs()), n.getProviderMessageId(), n.getLastAnswer(),
                    instant(n.getCreatedMs()), n.getSentMs() == null ? null : instant(n.getSentMs()),
                    instant(n.getUpdatedMs()), attempts);
        }
    }

    /** One send attempt or later event of a message. */
    public record Attempt(int attemptNo, String at, String outcome, String answer, String actor) {

        static Attempt of(AttemptEntity a) {
            return new Attempt(a.getAttemptNo(), instant(a.getAtMs()), a.getOutcome(), a.getAnswer(), a.getActor());
        }
    }

    /** A channel: installed or not (its messages wait), and how many of its messages are in each status. */
    public record Channel(String name, boolean installed, Map<String, Long> counts) {
    }

    static String instant(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
