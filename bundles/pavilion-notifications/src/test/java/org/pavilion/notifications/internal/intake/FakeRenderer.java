package org.pavilion.notifications.internal.intake;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.pavilion.notifications.internal.rules.MessageRenderer;
import org.pavilion.notifications.internal.rules.Rendered;
import org.pavilion.notifications.internal.rules.RuleView;

/** The rules helper's renderer, reduced to "key: start" (no template for the keys in {@code missing}). */
public class FakeRenderer implements MessageRenderer {

    public final Set<String> missing = new HashSet<>();

    @Override
    public Optional<Rendered> render(RuleView rule, String language, JsonNode event, String recipientName) {
        if (missing.contains(rule.templateKey())) {
            return Optional.empty();
        }
        String subject = "EMAIL".equals(rule.channel()) ? rule.templateKey() : null;
        String body = "Hello " + recipientName + ", " + rule.templateKey() + " " + event.path("start").asText("");
        return Optional.of(new Rendered(subject, body, language == null ? "en" : language));
    }
}
