package org.pavilion.emr.internal;

import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Address", namespace = PatientRegistrySoap.NAMESPACE)
public class Address {
    @Size(max = 200)
    public String line;
    @Size(max = 100)
    public String city;
    @Size(max = 20)
    public String postalCode;
    @Pattern(regexp = DemographicRules.COUNTRY, message = DemographicRules.COUNTRY_MESSAGE)
    public String country;
}
