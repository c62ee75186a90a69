package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** Someone to call about the patient. A phone or an email is required. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NextOfKin", namespace = PatientRegistrySoap.NAMESPACE)
public class NextOfKin {
    public String name;
    /** SPOUSE, PARTNER, PARENT, CHILD, SIBLING, GUARDIAN, FRIEND or OTHER. */
    public String relationship;
    public String phone;
    public String email;
}
