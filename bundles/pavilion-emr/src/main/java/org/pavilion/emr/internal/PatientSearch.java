package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * Search criteria; those given are combined with AND. {@code name} matches the start of the family or given
 * name, ignoring case and accents; "maria lo" also matches given "Maria" with family "Lopez" (and reversed).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PatientSearch", namespace = PatientRegistrySoap.NAMESPACE)
public class PatientSearch {
    public String mrn;
    public String nationalId;
    public String phone;
    public String birthDate;
    public String name;
}
