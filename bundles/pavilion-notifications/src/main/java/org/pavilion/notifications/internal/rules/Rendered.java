package org.pavilion.notifications.internal.rules;

/** A message's text in one language. {@code subject} is null for channels without one. */
public record Rendered(String subject, String body, String language) {
}
