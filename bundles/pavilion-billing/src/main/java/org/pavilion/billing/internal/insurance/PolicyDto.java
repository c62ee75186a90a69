package org.pavilion.billing.internal.insurance;

/** A patient's policy as REST reads it; POST takes planCode, memberId, validFrom, validTo; PUT also status. */
public class PolicyDto {
    public String id;
    public String patientId;
    public String planCode;
    public String insurerCode;
    public String memberId;
    public String validFrom;
    public String validTo;
    /** ACTIVE or ENDED. */
    public String status;
    /** The last eligibility check: ELIGIBLE, NOT_ELIGIBLE or ERROR; null before the first. */
    public String eligibility;
    public String eligibilityDetail;
    /** ISO-8601 instant of the last check. */
    public String eligibilityCheckedAt;
    public Integer version;
}
