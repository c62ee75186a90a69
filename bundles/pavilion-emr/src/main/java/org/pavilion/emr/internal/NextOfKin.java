package org.pavilion.emr.internal;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * Someone to call about the patient. A phone or an email is required (ValidContacts reports that on the entry, with
 * the declared field rules, in one 400).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NextOfKin", namespace = PatientRegistrySoap.NAMESPACE)
public class NextOfKin {
    @NotBlank @Size(max = 200)
    public String name;
    /** SPOUSE, PARTNER, PARENT, CHILD, SIBLING, GUARDIAN, FRIEND or OTHER. */
    @NotBlank @Pattern(regexp = DemographicRules.RELATIONSHIP, message = DemographicRules.RELATIONSHIP_MESSAGE)
    public String relationship;
    @Pattern(regexp = DemographicRules.PHONE, message = DemographicRules.PHONE_MESSAGE)
    public String phone;
    @Size(max = 254) @Pattern(regexp = DemographicRules.EMAIL, message = DemographicRules.EMAIL_MESSAGE)
    public String email;
}
