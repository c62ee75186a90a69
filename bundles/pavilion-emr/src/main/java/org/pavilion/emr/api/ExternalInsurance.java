package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A health insurance policy covering the patient, as a feed sends it (HL7 IN1), in the record's terms.
 *
 * @since 1.6
 */
@ProviderType
public class ExternalInsurance {
    public String insurer;
    public String plan;
    public String policyNumber;
    /** SELF, SPOUSE, PARENT or OTHER; null for SELF. */
    public String holderRelationship;
    /** yyyy-MM-dd, both optional. */
    public String validFrom;
    public String validTo;
}
