package org.pavilion.lab.internal.hl7;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.hl7.api.OutboundBuildException;

/**
 * An event's JSON payload as published (the api classes' fields, by name): read, not bound to the classes, so a
 * payload of an older or newer api version still builds. Anything a message cannot go without is an
 * {@link OutboundBuildException}: the event is queued FAILED with that reason.
 */
final class LabPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String eventType;
    final JsonNode node;

    private LabPayload(String eventType, JsonNode node) {
        this.eventType = eventType;
        this.node = node;
    }

    static LabPayload of(String eventType, String payloadJson) {
        JsonNode p;
        try {
            p = JSON.readTree(payloadJson == null ? "null" : payloadJson);
        } catch (JsonProcessingException e) {
            throw new OutboundBuildException(eventType + " payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (p == null || !p.isObject()) {
            throw new OutboundBuildException(eventType + " payload is not an object: " + p, null);
        }
        return new LabPayload(eventType, p);
    }

    String required(String field) {
        return required(node, field);
    }

    String text(String field) {
        return text(node, field);
    }

    Instant instant(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new OutboundBuildException(eventType + " payload's " + field + " is not an ISO-8601 instant: '" + v
                    + "'", e);
        }
    }

    String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new OutboundBuildException(eventType + " payload has no " + field, null);
        }
        return v;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
