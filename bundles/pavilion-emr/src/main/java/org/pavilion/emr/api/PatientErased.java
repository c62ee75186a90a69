package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a GDPR erasure was carried out on patient {@link #mrn}. Departments holding personal data of
 * the patient (demographics copies, contact details) erase theirs to the same {@link #scope}: FULL (nothing
 * identifying is left) or PARTIAL (contact data gone, the medical record kept under retention). Published as
 * event type {@link #TYPE}.
 */
@ProviderType
public class PatientErased {

    public static final String TYPE = "PatientErased";

    public String mrn;
    public String scope;
    /** ISO date until which the clinical record is retained (PARTIAL), else null. */
    public String retainedUntil;
    public String erasedAt;
}
