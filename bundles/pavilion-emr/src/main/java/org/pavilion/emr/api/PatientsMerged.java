package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a duplicate record was merged into its survivor. Everything the EMR held under
 * {@link #duplicateMrn} now belongs to {@link #survivorMrn}; the duplicate's MRN is a tombstone that redirects.
 * Departments keeping their own data per MRN re-key it to the survivor. Published as event type {@link #TYPE}.
 */
@ProviderType
public class PatientsMerged {

    public static final String TYPE = "PatientsMerged";

    public String survivorMrn;
    public String duplicateMrn;
    public String reason;
    /** ISO-8601 instant. */
    public String mergedAt;
    public String mergedBy;

    /** The survivor's demographics after the merge (what an ADT^A40's PID carries); FEMALE, MALE, OTHER, UNKNOWN. */
    public String givenName;
    public String familyName;
    public String sex;
    /** ISO-8601 date, e.g. 1984-03-01. */
    public String birthDate;
    /** The duplicate's names as they were (an ADT^A40's MRG-7, prior patient name). */
    public String duplicateGivenName;
    public String duplicateFamilyName;
}
