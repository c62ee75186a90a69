package org.pavilion.billing.internal.charges;

/** Request bodies of /charges and /parked-charges (public fields, read by the platform's Jackson provider). */
public final class ChargeBodies {

    private ChargeBodies() {
    }

    /** POST /charges. */
    public static class NewCharge {
        public String patientId;
        public String encounterId;
        public String priceCode;
        public String quantity;
        public String serviceDate;
        public String doctorId;
        public String note;
    }

    /** POST /charges/{id}/cancel and /parked-charges/{id}/discard. */
    public static class Reason {
        public String reason;
    }

    /** POST /parked-charges/{id}/post: the corrections, each optional. */
    public static class PostParked {
        public String priceCode;
        public String patientId;
    }
}
