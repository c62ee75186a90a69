package org.pavilion.emr.internal;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A health insurance policy covering the patient; the first in the list is the primary cover. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "InsurancePolicy", namespace = PatientRegistrySoap.NAMESPACE)
public class InsurancePolicy {
    @NotBlank @Size(max = 100)
    public String insurer;
    @NotBlank @Pattern(regexp = DemographicRules.POLICY_NUMBER, message = DemographicRules.POLICY_NUMBER_MESSAGE)
    public String policyNumber;
    @Size(max = 100)
    public String plan;
    /** SELF, SPOUSE, PARENT or OTHER: who holds the policy, seen from the patient. */
    @Pattern(regexp = DemographicRules.HOLDER, message = DemographicRules.HOLDER_MESSAGE)
    public String holderRelationship;
    /** ISO-8601 dates, both optional; validTo not before validFrom. */
    @Pattern(regexp = DemographicRules.ISO_DATE, message = DemographicRules.ISO_DATE_MESSAGE)
    public String validFrom;
    @Pattern(regexp = DemographicRules.ISO_DATE, message = DemographicRules.ISO_DATE_MESSAGE)
    public String validTo;
    /** Output only: whether today is within the validity. */
    public Boolean active;
}
