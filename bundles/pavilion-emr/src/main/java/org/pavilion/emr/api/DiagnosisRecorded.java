package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a doctor recorded a coded diagnosis on the patient's problem list. Event type {@link #TYPE}. */
@ProviderType
public class DiagnosisRecorded {

    public static final String TYPE = "DiagnosisRecorded";

    public String mrn;
    public String diagnosisId;
    /** Null when recorded outside an encounter. */
    public String encounterId;
    /** Dotted form, e.g. E11.9. */
    public String code;
    /** Code system the code was validated against, e.g. ICD-10-CM. */
    public String codeSystem;
    public String title;
    /** ACTIVE or RESOLVED. */
    public String status;
    /** ISO-8601 date or null. */
    public String onsetDate;
    /** ISO-8601 instant. */
    public String recordedAt;
    public String recordedBy;
}
