package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An allergy as a feed sends it (HL7 AL1), already in the record's terms: {@code substance} is what the record
 * keeps and what makes it one allergy of the patient (a second one of the same substance is the same allergy).
 *
 * @since 1.6
 */
@ProviderType
public class ExternalAllergy {
    /** The allergen as text (AL1-3 text, else its code); required. */
    public String substance;
    /**
     * The allergen's code and coding system (AL1-3.1, AL1-3.3) when the system is one the EMR knows; null otherwise
     * (the allergen is then kept as free text). @since 1.7
     */
    public String code;
    public String codeSystem;
    /** ALLERGY or INTOLERANCE; null for ALLERGY. */
    public String kind;
    /** MILD, MODERATE, SEVERE, LIFE_THREATENING or null (not said). */
    public String severity;
    public String reaction;
}
