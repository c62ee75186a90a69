package org.pavilion.emr.internal;

import java.time.Instant;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A registered patient's demographics as REST (JSON) and SOAP (JAXB) show them. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Patient", namespace = PatientRegistrySoap.NAMESPACE)
public class Patient extends PatientDemographics {
    public String mrn;
    public String registeredAt;
    public String registeredBy;
    public String updatedAt;
    public String updatedBy;

    static Patient of(PatientEntity e, List<String> phones) {
        return fill(new Patient(), e, phones);
    }

    /** Fills {@code p} (a Patient or a subclass such as a search hit) from the entity. */
    static <P extends Patient> P fill(P p, PatientEntity e, List<String> phones) {
        p.mrn = e.getMrn();
        p.givenName = e.getGivenName();
        p.familyName = e.getFamilyName();
        p.sex = e.getSex();
        p.birthDate = e.getBirthDate();
        p.nationalId = e.getNationalId();
        p.phones = List.copyOf(phones);
        p.email = e.getEmail();
        if (e.getAddressLine() != null || e.getAddressCity() != null || e.getAddressPostalCode() != null
                || e.getAddressCountry() != null) {
            p.address = new Address();
            p.address.line = e.getAddressLine();
            p.address.city = e.getAddressCity();
            p.address.postalCode = e.getAddressPostalCode();
            p.address.country = e.getAddressCountry();
        }
        p.preferredLanguage = e.getPreferredLanguage();
        p.registeredAt = Instant.ofEpochMilli(e.getRegisteredMs()).toString();
        p.registeredBy = e.getRegisteredBy();
        p.updatedAt = Instant.ofEpochMilli(e.getUpdatedMs()).toString();
        p.updatedBy = e.getUpdatedBy();
        return p;
    }
}
