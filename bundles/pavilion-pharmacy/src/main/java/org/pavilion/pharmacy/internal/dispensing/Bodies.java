package org.pavilion.pharmacy.internal.dispensing;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/** The JSON bodies of the dispensing endpoints (docs/pharmacy-api.md, "Dispensing"). */
public final class Bodies {

    private Bodies() {
    }

    /** PUT /prescriptions/{id}: the catalogue item and the quantity to dispense in all. */
    public static class Match {
        @NotBlank
        @Size(max = 40)
        public String itemCode;
        /** A positive decimal of at most three decimals: parsed after the declared rules (400 / 422). */
        @NotBlank
        public String quantityPrescribed;
        @NotNull(message = "is required (the one read)")
        public Integer version;
    }

    /** POST /prescriptions/{id}/dispenses. */
    public static class Dispense {
        @Size(max = 40)
        public String storeCode;
        @NotBlank
        public String quantity;
        @Size(max = 60)
        public String batchNumber;
        @Size(max = 1000)
        public String overrideReason;
    }

    /** POST /dispenses/{id}/returns. */
    public static class Return {
        @NotBlank
        public String quantity;
        @NotBlank
        @Size(max = 500)
        public String reason;
    }
}
