package org.pavilion.notifications.internal.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a template sees: the event's fields by name (the clinical ones only for a rule with clinical detail) and the
 * derived ones, dates and times written in the recipient's language.
 */
final class MessageData {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** The portal page where a patient joins their video consultations, signed in: the link carries no token. */
    static final String VIDEO_PAGE = "/portal/video";

    private MessageData() {
    }

    static Map<String, Object> of(String eventType, JsonNode event, boolean clinicalDetail, Locale locale, ZoneId zone,
            String publicBaseUrl, String recipientName) {
        Map<String, Object> data = new HashMap<>();
        if (event != null && event.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Object v = value(e.getValue());
                if (v != null) {
                    data.put(e.getKey(), v);
                }
            }
        }
        if (!clinicalDetail) {
            // an unknown event type has no known clinical fields: only catalogued types reach here in practice
            Set<String> clinical = EventCatalogue.type(eventType).map(EventCatalogue.EventType::clinicalNames)
                    .orElse(Set.of());
            data.keySet().removeAll(clinical);
        }
        ZoneId eventZone = zoneOf(text(event, "zone"), zone);
        LocalDateTime start = wallClock(text(event, "localStart"), text(event, "start"), eventZone);
        if (start != null) {
            data.put("date", date(start.toLocalDate(), locale));
            data.put("time", start.format(TIME));
        }
        LocalDateTime previous = wallClock(text(event, "previousLocalStart"), null, eventZone);
        if (previous != null) {
            data.put("previousDate", date(previous.toLocalDate(), locale));
            data.put("previousTime", previous.format(TIME));
        }
        LocalDateTime expires = wallClock(null, text(event, "offerExpiresAt"), zone);
        if (expires != null) {
            data.put("expiresDate", date(expires.toLocalDate(), locale));
            data.put("expiresTime", expires.format(TIME));
        }
        LocalDate due = day(text(event, "dueDate"));
        if (due != null) {
            data.put("dueDateText", date(due, locale));
        }
        // absent for an appointment in person, so a template's {{#videoLink}} section speaks of video visits only
        if ("VIDEO".equals(text(event, "visitType")) || EventCatalogue.CONSULTATION_STARTED.equals(eventType)) {
            data.put("videoLink", publicBaseUrl + VIDEO_PAGE);
        }
        if (recipientName != null && !recipientName.isBlank()) {
            data.put("recipientName", recipientName.strip());
        }
        return data;
    }

    private static String date(LocalDate day, Locale locale) {
        return day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale));
    }

    /** Numbers keep their JSON text ("36.00"), objects and arrays stay navigable, null is absent. */
    private static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isObject()) {
            Map<String, Object> m = new HashMap<>();
            n.fields().forEachRemaining(e -> {
                Object v = value(e.getValue());
                if (v != null) {
                    m.put(e.getKey(), v);
                }
            });
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(value(x)));
            return l;
        }
        return n.asText();
    }

    private static String text(JsonNode event, String field) {
        if (event == null) {
            return null;
        }
        JsonNode n = event.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().strip();
    }

    private static ZoneId zoneOf(String zone, ZoneId fallback) {
        if (zone == null) {
            return fallback;
        }
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** The wall-clock time: {@code local} as written, else the instant {@code instant} in {@code zone}. */
    private static LocalDateTime wallClock(String local, String instant, ZoneId zone) {
        if (local != null) {
            try {
                return LocalDateTime.parse(local);
            } catch (DateTimeParseException e) {
                // fall through to the instant
            }
        }
        if (instant != null) {
            try {
                return ZonedDateTime.ofInstant(Instant.parse(instant), zone).toLocalDateTime();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static LocalDate day(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
