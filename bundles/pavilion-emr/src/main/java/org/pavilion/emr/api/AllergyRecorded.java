package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: an allergy or intolerance was recorded on the patient's record, or an entry was changed (its status,
 * severity, reaction): the payload is always the entry as it stands now, so a subscriber replaces what it had for
 * {@code allergyId}. Pharmacy checks new prescriptions against it. Event type {@link #TYPE}.
 */
@ProviderType
public class AllergyRecorded {

    public static final String TYPE = "AllergyRecorded";

    public String mrn;
    public String allergyId;
    public String substance;
    /** The allergen's code and its coding system (e.g. 7980, RXNORM); null when recorded as free text. @since 1.7 */
    public String code;
    public String codeSystem;
    /** Null when not recorded. */
    public String reaction;
    /** MILD, MODERATE, SEVERE, LIFE_THREATENING, or (2.0) UNKNOWN: not assessed (a feed that did not say). */
    public String severity;
    /** ALLERGY or INTOLERANCE. */
    public String kind;
    /** ACTIVE, INACTIVE, RESOLVED or ENTERED_IN_ERROR. */
    public String status;
    /** ISO-8601 instant. */
    public String recordedAt;
    public String recordedBy;
}
