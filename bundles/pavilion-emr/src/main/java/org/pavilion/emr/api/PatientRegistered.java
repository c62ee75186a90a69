package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a patient was registered and given an MRN. Published as event type {@link #TYPE}. */
@ProviderType
public class PatientRegistered {

    public static final String TYPE = "PatientRegistered";

    public String mrn;
    public String givenName;
    public String familyName;
    /** FEMALE, MALE, OTHER or UNKNOWN. */
    public String sex;
    /** ISO-8601 date, e.g. 1984-03-01. */
    public String birthDate;
    public String preferredLanguage;
    /** True when the clerk registered despite a duplicate warning; {@link #possibleDuplicateOf} lists them. */
    public boolean duplicateConfirmed;
    public java.util.List<String> possibleDuplicateOf;
    /** ISO-8601 instant. */
    public String registeredAt;
    public String registeredBy;
    /** An emergency registration of someone not yet identified. */
    public boolean unidentified;
}
