package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Someone to call about the patient, as a feed sends it (HL7 NK1), in the record's terms.
 *
 * @since 1.6
 */
@ProviderType
public class ExternalNextOfKin {
    public String name;
    /** SPOUSE, PARTNER, PARENT, CHILD, SIBLING, GUARDIAN, FRIEND or OTHER. */
    public String relationship;
    /** A phone (6 to 32 digits, optionally a leading +) or an email is required. */
    public String phone;
    public String email;
}
