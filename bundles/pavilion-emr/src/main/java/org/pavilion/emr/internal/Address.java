package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Address", namespace = PatientRegistrySoap.NAMESPACE)
public class Address {
    public String line;
    public String city;
    public String postalCode;
    public String country;
}
