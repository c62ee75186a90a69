package org.pavilion.scheduling.internal.waitlist;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentRescheduled;

/** A doctor's time that became free for a service: what an offer is made of. */
record FreedSlot(String doctorId, String serviceCode, String location, long startsMs, long endsMs) {

    /**
     * The slot an appointment event frees: a cancellation frees its time; a reschedule frees its previous time (and
     * doctor) unless it stayed where it was. Empty for other types, redacted payloads and payloads without times.
     */
    static Optional<FreedSlot> fromEvent(String type, JsonNode payload) {
        if (payload == null || payload.path("redacted").asBoolean(false)) {
            return Optional.empty();
        }
        String doctorId = text(payload, "doctorId");
        String service = text(payload, "serviceCode");
        String location = text(payload, "location");
        Long start;
        Long end;
        if (AppointmentCancelled.TYPE.equals(type)) {
            start = instant(payload, "start");
            end = instant(payload, "end");
        } else if (AppointmentRescheduled.TYPE.equals(type)) {
            start = instant(payload, "previousStart");
            end = instant(payload, "previousEnd");
            String previousDoctor = text(payload, "previousDoctorId");
            if (previousDoctor != null && !previousDoctor.equals(doctorId)) {
                doctorId = previousDoctor;
                location = null; // the event's location is the new doctor's
            } else if (start != null && start.equals(instant(payload, "start"))) {
                return Optional.empty(); // same doctor, same time: nothing was freed
            }
        } else {
            return Optional.empty();
        }
        if (doctorId == null || service == null || start == null || end == null || end <= start) {
            return Optional.empty();
        }
        return Optional.of(new FreedSlot(doctorId, service, location, start, end));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Long instant(JsonNode n, String field) {
        String t = text(n, field);
        try {
            return t == null ? null : Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
