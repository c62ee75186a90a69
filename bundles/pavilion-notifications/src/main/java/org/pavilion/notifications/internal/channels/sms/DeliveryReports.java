package org.pavilion.notifications.internal.channels.sms;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.queue.NotificationQueue.Report;

/**
 * A gateway's delivery report: checked against the shared secret, read from a form or a JSON object, its status
 * mapped to ours, and handed to the queue.
 */
final class DeliveryReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationQueue queue;
    private final String secret;

    DeliveryReports(NotificationQueue queue, String secret) {
        this.queue = queue;
        this.secret = secret == null ? "" : secret;
    }

    /** The report's notification id (ours, or null when it was found by the gateway's message id) and its status. */
    record Accepted(String reference, String messageId, String status) {
    }

    Accepted receive(String givenSecret, String contentType, byte[] body, Map<String, String> query) {
        if (!SecretMask.matches(secret, givenSecret)) {
            throw new ProblemException(401, "unauthorized", "Unauthorized",
                    "A delivery report needs the shared secret (header X-Report-Secret or query secret)");
        }
        Map<String, String> fields = new HashMap<>(query);
        fields.remove("secret");
        fields.putAll(parse(contentType, body));
        String reference = blankToNull(fields.get("reference"));
        String messageId = blankToNull(fields.get("messageId"));
        if (reference == null && messageId == null) {
            throw ProblemException.validation("A delivery report names reference (our id) or messageId (the gateway's)");
        }
        Report report = report(fields.get("status"));
        String error = blankToNull(fields.get("error"));
        String answer = "Delivery report: " + fields.get("status").trim() + (error == null ? "" : " (" + error + ")");
        if (!queue.report(reference, messageId, report, answer)) {
            throw ProblemException.notFound("Notification", reference != null ? reference : messageId);
        }
        return new Accepted(reference, messageId, report.name());
    }

    static Report report(String status) {
        String s = status == null ? "" : status.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "DELIVERED", "DELIVRD" -> Report.DELIVERED;
            case "FAILED", "UNDELIVERED", "UNDELIV", "REJECTED", "EXPIRED" -> Report.FAILED;
            default -> throw ProblemException.validation("Unknown delivery status '" + status
                    + "' (DELIVERED, DELIVRD, FAILED, UNDELIVERED, UNDELIV, REJECTED, EXPIRED)");
        };
    }

    private static Map<String, String> parse(String contentType, byte[] body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.length == 0) {
            return fields;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (type.contains("json") || (!type.contains("form") && text.startsWith("{"))) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    throw ProblemException.validation("A JSON delivery report is an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isValueNode()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                }
            } catch (IOException e) {
                throw ProblemException.validation("The delivery report is not JSON");
            }
        } else {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return fields;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
