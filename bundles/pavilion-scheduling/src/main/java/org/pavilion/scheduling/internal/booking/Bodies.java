package org.pavilion.scheduling.internal.booking;

/** The JSON bodies of the booking endpoints. */
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
        public String start;
        /** Another doctor; absent: the same. */
        public String doctorId;
    }

    /** POST .../{id}/cancel. */
    public static class Cancel {
        public String reason;
    }

    /** POST /check-in at a kiosk. */
    public static class KioskCheckIn {
        public String bookingCode;
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
