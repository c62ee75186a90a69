package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON answers of the dispensing endpoints (docs/pharmacy-api.md, "Dispensing"). */
public final class Views {

    private Views() {
    }

    public static class Prescription {
        public String id;
        public String source;
        public String patientId;
        public String encounterId;
        public String drug;
        public String itemCode;
        public String itemName;
        public String dose;
        public String route;
        public String frequency;
        public Integer durationDays;
        public String instructions;
        public String quantityPrescribed;
        public String quantityDispensed;
        public String status;
        public String prescriber;
        public String issuedAt;
        public String stoppedAt;
        public int version;
        /** Detail only: its dispenses, oldest first. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Dispense> dispenses;
        /**
         * Detail only: the patient's allergies the matched item touches ({substance, reaction, severity}); absent when
         * not checked (no item yet, the check off, no EMR).
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Map<String, Object>> allergyWarnings;
    }

    public static class Dispense {
        public String id;
        public String prescriptionId;
        public String patientId;
        public String storeCode;
        public String itemCode;
        public String itemName;
        public String quantity;
        public String quantityReturned;
        public String unit;
        public List<Batch> batches;
        public String dispensedAt;
        public String dispensedBy;
        public String allergyWarning;
        public String overrideReason;
    }

    /** What one dispense took from one batch (net of returns into it). */
    public static class Batch {
        public String batchNumber;
        public String expiryDate;
        public String quantity;
    }

    static String plain(BigDecimal q) {
        return q == null ? null : q.signum() == 0 ? "0" : q.stripTrailingZeros().toPlainString();
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
