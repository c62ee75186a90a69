package org.pavilion.pharmacy.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A patient returned unused medicine of a dispense, back into stock: billing credits it, once per
 * {@link #returnId}. Event type {@link #TYPE}.
 */
@ProviderType
public class MedicationReturned {

    public static final String TYPE = "MedicationReturned";

    /** The return's own id (the ledger's reference). */
    public String returnId;
    public String dispenseId;
    public String prescriptionId;
    public String patientId;
    public String itemCode;
    public String quantity;
    public String unit;
    public String priceReference;
    public String storeCode;
    public String reason;
    public String returnedBy;
    /** ISO-8601 instant. */
    public String returnedAt;
}
