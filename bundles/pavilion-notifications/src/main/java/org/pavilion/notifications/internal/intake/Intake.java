package org.pavilion.notifications.internal.intake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one event into its messages: the rules of its type, their recipients, each recipient's address, preference
 * and language, the rendered text, queued in one transaction. Idempotent: the same event id queues nothing twice.
 * Called by the event subscriber routes, the reminder route ({@code AppointmentReminder}) and the password reset
 * ({@code PasswordResetRequested}).
 */
public interface Intake {

    /**
     * @param eventId   stable across redeliveries
     * @param eventType the catalogue's name (docs/notifications-api.md, "Events and their fields")
     * @param event     the payload
     * @return how many messages were queued now (0 for a repeat or when no rule applies)
     */
    int accept(String eventId, String eventType, JsonNode event);

    /**
     * As {@link #accept(String, String, JsonNode)} with only the rule {@code onlyRuleId} of the type (a reminder is
     * one rule's occurrence); null for all rules. The default serves implementations that predate it (test fakes).
     */
    default int accept(String eventId, String eventType, JsonNode event, String onlyRuleId) {
        if (onlyRuleId == null) {
            return accept(eventId, eventType, event);
        }
        throw new UnsupportedOperationException("accept one rule of " + eventType);
    }
}
