package org.pavilion.emr.api;

/**
 * Event payload: a duplicate record was merged into its survivor. Everything the EMR held under
 * {@link #duplicateMrn} now belongs to {@link #survivorMrn}; the duplicate's MRN is a tombstone that redirects.
 * Departments keeping their own data per MRN re-key it to the survivor. Published as event type {@link #TYPE}.
 */
public class PatientsMerged {

    public static final String TYPE = "PatientsMerged";

    public String survivorMrn;
    public String duplicateMrn;
    public String reason;
    /** ISO-8601 instant. */
    public String mergedAt;
    public String mergedBy;
}
