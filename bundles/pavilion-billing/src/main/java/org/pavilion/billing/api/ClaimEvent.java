package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/** What every insurance claim event carries. */
@ProviderType
public abstract class ClaimEvent {
    public String claimId;
    /** CLM-yyyy-nnnnnn. */
    public String claimNumber;
    public String invoiceId;
    public String invoiceNumber;
    /** The patient's MRN. */
    public String patientId;
    public String insurerCode;
    public String planCode;
    public String currency;
    public String claimedAmount;
    /** SUBMITTED, APPROVED, PARTLY_APPROVED, DENIED or ERROR. */
    public String status;
    public String actor;
}
