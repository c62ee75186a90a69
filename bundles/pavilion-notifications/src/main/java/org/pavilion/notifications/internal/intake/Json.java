package org.pavilion.notifications.internal.intake;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the events' JSON by field name (the bundle imports none of the departments' classes). */
public final class Json {

    private Json() {
    }

    /** The field's text; null when absent, null or blank. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** The GDPR redaction marker that replaces an erased patient's events ({@code "redacted": true}). */
    public static boolean redacted(JsonNode node) {
        return node != null && node.path("redacted").asBoolean(false);
    }
}
