package org.pavilion.billing.internal.insurance;

/** A claim as REST reads it; POST /claims takes only {@code invoiceId}. */
public class ClaimDto {
    public String id;
    public String number;
    public String invoiceId;
    public String invoiceNumber;
    public String policyId;
    public String patientId;
    public String insurerCode;
    public String planCode;
    /** SUBMITTED, APPROVED, PARTLY_APPROVED, DENIED or ERROR. */
    public String status;
    public String claimedAmount;
    public String approvedAmount;
    public String reason;
    public String submittedAt;
    public String adjudicatedAt;
    public Integer version;
}
