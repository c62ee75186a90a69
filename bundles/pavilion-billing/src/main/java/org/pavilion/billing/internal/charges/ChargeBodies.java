package org.pavilion.billing.internal.charges;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/** Request bodies of /charges and /parked-charges (public fields, read by the platform's Jackson provider). */
public final class ChargeBodies {

    private ChargeBodies() {
    }

    /**
     * POST /charges. Its field rules are declared (DeclaredConstraints, every broken one in one 400); the quantity
     * (422) and the price of the code on the day (422) are checked after.
     */
    public static class NewCharge {
        @NotBlank
        public String patientId;
        public String encounterId;
        @NotBlank
        public String priceCode;
        public String quantity;
        /** yyyy-MM-dd; today (the billing time zone's) when absent. */
        @Pattern(regexp = "\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*", message = "must be a date as yyyy-MM-dd")
        public String serviceDate;
        public String doctorId;
        @Size(max = 500)
        public String note;
    }

    /** POST /charges/{id}/cancel and /parked-charges/{id}/discard (declared rules, as NewCharge). */
    public static class Reason {
        @NotBlank @Size(max = 500)
        public String reason;
    }

    /** POST /parked-charges/{id}/post: the corrections, each optional. */
    public static class PostParked {
        public String priceCode;
        public String patientId;
    }
}
