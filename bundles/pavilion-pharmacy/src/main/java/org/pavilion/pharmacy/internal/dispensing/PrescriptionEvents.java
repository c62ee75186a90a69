package org.pavilion.pharmacy.internal.dispensing;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;

/**
 * The EMR's prescription events as the queue reads them: the JSON payloads of {@code PrescriptionIssued} and
 * {@code PrescriptionStopped} read by field name, so this class never loads an EMR class (only their type-name
 * constants, which the compiler copies in) and the bundle runs without the EMR.
 */
final class PrescriptionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrescriptionIntakeService intake;
    private final LongSupplier clock;

    PrescriptionEvents(PrescriptionIntakeService intake, LongSupplier clock) {
        this.intake = intake;
        this.clock = clock;
    }

    /** Applies one delivery; true when it changed the queue (false: a redelivery, or a type not for the queue). */
    boolean onEvent(String type, String payloadJson) throws IOException {
        JsonNode e = JSON.readTree(payloadJson);
        long now = clock.getAsLong();
        if (PrescriptionIssued.TYPE.equals(type)) {
            int days = e.path("durationDays").asInt(0);
            return intake.issued(new PrescriptionIntakeService.Issued(text(e, "prescriptionId"), text(e, "mrn"),
                    text(e, "encounterId"), text(e, "drug"), text(e, "drugCode"), text(e, "dose"), text(e, "route"),
                    text(e, "frequency"), days > 0 ? days : null, text(e, "instructions"), text(e, "prescriber"),
                    instant(text(e, "issuedAt"), now)), now);
        }
        if (PrescriptionStopped.TYPE.equals(type)) {
            String by = text(e, "stoppedBy");
            return intake.stopped(text(e, "prescriptionId"), instant(text(e, "stoppedAt"), now),
                    by == null ? "emr" : by);
        }
        return false;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static long instant(String iso, long fallback) {
        if (iso == null) {
            return fallback;
        }
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
