package org.pavilion.emr.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** What the emergency team knows of an unidentified arrival. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "EmergencyArrival", namespace = PatientRegistrySoap.NAMESPACE)
public class EmergencyArrival {

    static final String PLACEHOLDER_GIVEN_NAME = "Unknown";

    /** FEMALE, MALE, OTHER or UNKNOWN. */
    public String sex;
    /** Apparent age in whole years, 0 to 150. */
    public Integer approximateAgeYears;
    /** Circumstances of arrival (brought by ambulance from ..., found at ...), at most 500 characters. */
    public String arrivalNote;

    /** A placeholder family name that is unique, says what it is, and is found by a search for "unidentified". */
    static String placeholderFamilyName(String mrn) {
        return "Unidentified " + mrn;
    }
}
