package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a problem on the list was marked ACTIVE or RESOLVED. Event type {@link #TYPE}. */
@ProviderType
public class ProblemStatusChanged {

    public static final String TYPE = "ProblemStatusChanged";

    public String mrn;
    /** The diagnosis of {@link DiagnosisRecorded#diagnosisId}. */
    public String diagnosisId;
    /** Dotted ICD-10 code and the code system, as recorded. */
    public String code;
    public String codeSystem;
    /** ACTIVE or RESOLVED: the status now. */
    public String status;
    /** ISO-8601 instant. */
    public String changedAt;
    public String changedBy;
}
