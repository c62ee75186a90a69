package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a patient's demographics changed. Published as event type {@link #TYPE}. */
@ProviderType
public class PatientUpdated {

    public static final String TYPE = "PatientUpdated";

    public String mrn;
    public String givenName;
    public String familyName;
    /** FEMALE, MALE, OTHER or UNKNOWN. */
    public String sex;
    /** ISO-8601 date. */
    public String birthDate;
    public String preferredLanguage;
    /** ISO-8601 instant. */
    public String updatedAt;
    public String updatedBy;
}
