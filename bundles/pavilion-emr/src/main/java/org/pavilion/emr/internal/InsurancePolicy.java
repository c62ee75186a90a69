package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A health insurance policy covering the patient; the first in the list is the primary cover. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "InsurancePolicy", namespace = PatientRegistrySoap.NAMESPACE)
public class InsurancePolicy {
    public String insurer;
    public String policyNumber;
    public String plan;
    /** SELF, SPOUSE, PARENT or OTHER: who holds the policy, seen from the patient. */
    public String holderRelationship;
    /** ISO-8601 dates, both optional; validTo not before validFrom. */
    public String validFrom;
    public String validTo;
    /** Output only: whether today is within the validity. */
    public Boolean active;
}
