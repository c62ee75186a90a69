package org.pavilion.scheduling.internal.booking;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/** The JSON bodies of the booking endpoints; their rules are declared, checked by {@link Appointments}. */
public final class Bodies {

    private Bodies() {
    }

    /** POST /appointments (patientId) and POST /my/appointments (without: the caller's own). */
    public static class Booking {
        public String patientId;
        public String doctorId;
        public String serviceCode;
        /** IN_PERSON or VIDEO; absent: the service's first. */
        public String visitType;
        /** An instant, an offset time or the hospital's wall clock ({@code 2026-12-07T09:30}). */
        public String start;
        public String reason;
    }

    /** POST .../{id}/reschedule. */
    public static class Reschedule {
        /** Its format is read by Times.parse, which answers the same 400 type. */
        @NotBlank(message = "is required (e.g. 2026-12-07T09:30)")
        public String start;
        /** Another doctor; absent: the same. */
        public String doctorId;
    }

    /** POST .../{id}/cancel; SOAP's and HL7's cancellations are checked as one too. */
    public static class Cancel {
        /** Optional; at most as long as a booking's reason. */
        @Size(max = 500)
        public String reason;

        static Cancel of(String reason) {
            Cancel c = new Cancel();
            c.reason = reason;
            return c;
        }
    }

    /** POST /check-in at a kiosk. */
    public static class KioskCheckIn {
        /** Typed as read out (spaces, dashes, lower case): no format here, an unknown code is a 404. */
        @NotBlank
        public String bookingCode;

        static KioskCheckIn of(String bookingCode) {
            KioskCheckIn k = new KioskCheckIn();
            k.bookingCode = bookingCode;
            return k;
        }
    }

    /** What a kiosk shows: no patient data, only enough to send the patient to the right waiting room. */
    public static class KioskAnswer {
        public String appointmentId;
        public String status;
        public String localStart;
        public String doctorName;
        public boolean late;

        static KioskAnswer of(Appointment a) {
            KioskAnswer k = new KioskAnswer();
            k.appointmentId = a.id;
            k.status = a.status;
            k.localStart = a.localStart;
            k.doctorName = a.doctorName;
            k.late = a.late;
            return k;
        }
    }
}
