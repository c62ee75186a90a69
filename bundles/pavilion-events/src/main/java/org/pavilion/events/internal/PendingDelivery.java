package org.pavilion.events.internal;

/**
 * A delivery that is due now, joined with its event. {@code attempts} counts the attempts made so far; {@code subjectKey}
 * is null for an event published without one.
 */
public record PendingDelivery(String id, String eventId, String subscriber, int attempts,
        String eventType, String payload, String source, long occurredMs, String subjectKey) {
}
