package org.pavilion.emr.internal;

import javax.validation.constraints.Max;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** What the emergency team knows of an unidentified arrival; its rules are declared (DeclaredConstraints). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "EmergencyArrival", namespace = PatientRegistrySoap.NAMESPACE)
public class EmergencyArrival {

    static final String PLACEHOLDER_GIVEN_NAME = "Unknown";

    /** FEMALE, MALE, OTHER or UNKNOWN. */
    @Pattern(regexp = DemographicRules.SEX_GIVEN, message = DemographicRules.SEX_MESSAGE)
    public String sex;
    /** Apparent age in whole years, 0 to 150. */
    @NotNull @Min(0) @Max(ValidDemographics.MAX_AGE_YEARS)
    public Integer approximateAgeYears;
    /** Circumstances of arrival (brought by ambulance from ..., found at ...), at most 500 characters. */
    @NotBlank @Size(max = 500)
    public String arrivalNote;

    /** A placeholder family name that is unique, says what it is, and is found by a search for "unidentified". */
    static String placeholderFamilyName(String mrn) {
        return "Unidentified " + mrn;
    }
}
