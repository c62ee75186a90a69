package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** What the front desk (REST) or a legacy system (SOAP) sends to register or update a patient. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PatientDemographics", namespace = PatientRegistrySoap.NAMESPACE)
public class PatientDemographics {
    public String givenName;
    public String familyName;
    /** FEMALE, MALE, OTHER or UNKNOWN. */
    public String sex;
    /** ISO-8601 date, yyyy-MM-dd; not in the future. */
    public String birthDate;
    /** National id or passport number. */
    public String nationalId;
    public List<String> phones = new ArrayList<>();
    public String email;
    public Address address;
    /** BCP 47 language tag, e.g. en, fr-CA. */
    public String preferredLanguage;
    public List<NextOfKin> nextOfKin = new ArrayList<>();
    /** The first policy is the primary cover. */
    public List<InsurancePolicy> insurance = new ArrayList<>();
}
