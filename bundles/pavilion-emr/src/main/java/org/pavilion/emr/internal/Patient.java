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
    /** Optimistic-lock version: send it back (or as If-Match) when updating. */
    public long version;
    /** Restricted records need break-the-glass for clinical access. */
    public boolean restricted;
    /** Registered in an emergency without identity: names are placeholders until completed or merged. */
    public boolean unidentified;
    public boolean birthDateEstimated;
    public String arrivalNote;
    /** Set when the MRN asked for was merged: the MRN asked for; this record is the survivor it redirects to. */
    public String redirectedFrom;
    /**
     * Fields left out of this answer because the record is restricted and the caller may not see its contact
     * data ({@link RestrictedContact}): their JSON names, a subset of {@code ["address", "phones",
     * "nationalId"]} ({@link RestrictedContact#FIELDS}); those fields are then null or empty here whatever is
     * registered, and the chart shows them as withheld. Null when nothing is hidden.
     */
    public List<String> hidden;

    /** The whole registration record, with next of kin and insurance. */
    static Patient of(PatientEntity e, List<String> phones, List<NextOfKin> nextOfKin,
            List<InsurancePolicy> insurance) {
        Patient p = of(e, phones);
        p.nextOfKin = List.copyOf(nextOfKin);
        p.insurance = List.copyOf(insurance);
        return p;
    }

    /** Demographics without next of kin and insurance, as search results list them. */
    public static Patient of(PatientEntity e, List<String> phones) {
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
        p.version = e.getVersion();
        p.restricted = e.isRestricted();
        p.unidentified = e.isUnidentified();
        p.birthDateEstimated = e.isBirthDateEstimated();
        p.arrivalNote = e.getArrivalNote();
        return p;
    }
}
