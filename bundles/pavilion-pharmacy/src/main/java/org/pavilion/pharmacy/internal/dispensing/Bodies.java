package org.pavilion.pharmacy.internal.dispensing;

/** The JSON bodies of the dispensing endpoints (docs/pharmacy-api.md, "Dispensing"). */
public final class Bodies {

    private Bodies() {
    }

    /** PUT /prescriptions/{id}: the catalogue item and the quantity to dispense in all. */
    public static class Match {
        public String itemCode;
        public String quantityPrescribed;
        public Integer version;
    }

    /** POST /prescriptions/{id}/dispenses. */
    public static class Dispense {
        public String storeCode;
        public String quantity;
        public String batchNumber;
        public String overrideReason;
    }

    /** POST /dispenses/{id}/returns. */
    public static class Return {
        public String quantity;
        public String reason;
    }
}
