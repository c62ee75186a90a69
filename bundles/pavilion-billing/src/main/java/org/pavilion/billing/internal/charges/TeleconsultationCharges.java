package org.pavilion.billing.internal.charges;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Telemedicine's {@code ConsultationEnded}: the video consultation at the cfg's {@code teleconsultationCode}, once per
 * consultation, on the day it started, the doctor kept. Read from the event's JSON: billing loads no telemedicine
 * class and runs without that department.
 */
final class TeleconsultationCharges {

    /** The event type's name as telemedicine publishes it. */
    static final String TYPE = "ConsultationEnded";

    private final ChargeService charges;

    TeleconsultationCharges(ChargeService charges) {
        this.charges = charges;
    }

    /** The charge (or parked charge); null when the patient was never admitted: no consultation took place. */
    Filed onEvent(String json, String code, String actor) throws IOException {
        JsonNode e = EventDays.JSON.readTree(json);
        String id = EventDays.required("consultationId", text(e, "consultationId"));
        String startedAt = text(e, "startedAt");
        if (startedAt == null) {
            return null;
        }
        LocalDate day = EventDays.day(startedAt, charges.zone());
        long minutes = (e.path("durationSeconds").asLong() + 59) / 60;
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.TELECONSULTATION, id, text(e, "patientId"), null,
                code, BigDecimal.ONE, day, text(e, "doctorId"), "video consultation, " + minutes + " min", json);
        return charges.file(in, charges.byCode(code, day), actor);
    }

    private static String text(JsonNode event, String field) {
        JsonNode v = event.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
