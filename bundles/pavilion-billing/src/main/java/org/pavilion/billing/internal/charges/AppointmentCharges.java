package org.pavilion.billing.internal.charges;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.pavilion.scheduling.api.AppointmentCompleted;

/**
 * Scheduling's {@code AppointmentCompleted}: the consultation fee, once per appointment, priced by doctor, specialty
 * and service on the visit's day, the doctor kept. The only class that loads a scheduling api class, and only when
 * such an event arrives: billing runs without scheduling.
 */
final class AppointmentCharges {

    /** Scheduling's visit type of a video visit. */
    static final String VIDEO = "VIDEO";

    private final ChargeService charges;

    AppointmentCharges(ChargeService charges) {
        this.charges = charges;
    }

    /**
     * The visit's charge; null for a VIDEO visit while {@code videoByConsultation}: its consultation's end charges it
     * ({@link TeleconsultationCharges}), so a video visit is charged once whichever event comes first.
     */
    Filed onEvent(String json, String actor, boolean videoByConsultation) throws IOException {
        AppointmentCompleted e = EventDays.JSON.readValue(json, AppointmentCompleted.class);
        String id = EventDays.required("appointmentId", e.appointmentId);
        if (videoByConsultation && VIDEO.equals(e.visitType)) {
            return null;
        }
        // the visit's wall-clock day at the hospital; else the day it was completed
        LocalDate day = EventDays.day(e.localStart != null ? e.localStart : e.completedAt, charges.zone());
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.APPOINTMENT, id, e.patientId, e.encounterId,
                null, BigDecimal.ONE, day, e.doctorId, null, json);
        return charges.file(in, charges.consultation(e.doctorId, e.specialty, e.serviceCode, day), actor);
    }
}
