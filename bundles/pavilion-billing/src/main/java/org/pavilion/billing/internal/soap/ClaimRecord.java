package org.pavilion.billing.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

/** A claim as BillingQuery answers it: amounts decimal strings, instants ISO-8601. */
@XmlAccessorType(XmlAccessType.FIELD)
public class ClaimRecord {
    public String number;
    public String invoiceNumber;
    public String patientId;
    public String insurerCode;
    public String planCode;
    /** SUBMITTED, APPROVED, PARTLY_APPROVED, DENIED or ERROR */
    public String status;
    public String claimedAmount;
    /** Absent until adjudicated. */
    public String approvedAmount;
    public String reason;
    public String submittedAt;
    public String adjudicatedAt;
}
