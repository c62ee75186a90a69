package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/** What every invoice event carries: whose invoice, which, and its amounts after the change. */
@ProviderType
public abstract class InvoiceEvent {
    public String invoiceId;
    /** INV-yyyy-nnnnnn, or CN-yyyy-nnnnnn for a credit note. */
    public String invoiceNumber;
    /** The patient's MRN. */
    public String patientId;
    /** The EMR encounter the invoice closes, or null for an invoice of a period. */
    public String encounterId;
    public String currency;
    public String grossTotal;
    public String insuranceShare;
    public String patientShare;
    /** What the patient still owes. */
    public String patientBalance;
    /** DRAFT, ISSUED, PARTIALLY_PAID, PAID or VOID. */
    public String status;
    /** The user or feed that acted. */
    public String actor;
}
