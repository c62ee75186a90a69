package org.pavilion.notifications.internal.rules;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a rule's message: picks the template of the rule's key and channel in the language asked for (the full tag,
 * then its primary language, then the configured default), offers it the event's fields (the clinical ones only when
 * the rule allows them) plus the derived ones (dates and times in the recipient's language and the hospital's zone,
 * the recipient's name), and renders it (Mustache, no HTML escaping: messages are plain text).
 */
public interface MessageRenderer {

    /**
     * @param event         the event's JSON payload as published (or the reminder's stored appointment event)
     * @param recipientName how to greet the recipient; may be null
     * @return empty when the rule's template exists in no language of the fallback chain
     */
    Optional<Rendered> render(RuleView rule, String language, JsonNode event, String recipientName);
}
