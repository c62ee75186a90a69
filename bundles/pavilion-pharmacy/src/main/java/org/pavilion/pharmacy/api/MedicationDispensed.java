package org.pavilion.pharmacy.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Medicine was handed over to a patient against a prescription: billing charges it once per {@link #dispenseId},
 * the record shows it. A partial dispense is one event; the rest comes as further events. Event type {@link #TYPE}.
 */
@ProviderType
public class MedicationDispensed {

    public static final String TYPE = "MedicationDispensed";

    public String dispenseId;
    public String prescriptionId;
    /** EMR (a PrescriptionIssued) or HL7 (an RDE^O11 from an outside prescribing system). */
    public String source;
    /** The patient's MRN. */
    public String patientId;
    /** The EMR encounter of the prescription, or null. */
    public String encounterId;
    public String itemCode;
    public String itemName;
    /** WHO ATC code, or null for a supply. */
    public String atcCode;
    /** In the item's unit of issue (e.g. 20 tablet). */
    public String quantity;
    public String unit;
    /** The catalogue's price reference for billing (a tariff code), or null. */
    public String priceReference;
    public String storeCode;
    /** The batches taken, first expiry first. */
    public List<BatchQuantity> batches;
    /** True when the prescription is now fully dispensed. */
    public boolean complete;
    /** Non-null when the pharmacist dispensed despite an allergy warning: the reason given. */
    public String allergyOverride;
    /** The pharmacist's username. */
    public String dispensedBy;
    /** ISO-8601 instant. */
    public String dispensedAt;

    /** A quantity taken from one batch. */
    @ProviderType
    public static class BatchQuantity {
        public String batchNumber;
        /** ISO-8601 date, or null for an item without expiry. */
        public String expiryDate;
        public String quantity;
    }
}
