package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * What the front desk (REST) or a legacy system (SOAP) sends to register or update a patient. Its field rules are
 * declared (DeclaredConstraints: every broken field in one 400); ValidDemographics then checks what needs today's
 * date or the whole list (a real birth date, a policy given twice).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PatientDemographics", namespace = PatientRegistrySoap.NAMESPACE)
public class PatientDemographics {
    @NotBlank @Size(max = 100) @Pattern(regexp = DemographicRules.NAME, message = DemographicRules.NAME_MESSAGE)
    public String givenName;
    @NotBlank @Size(max = 100) @Pattern(regexp = DemographicRules.NAME, message = DemographicRules.NAME_MESSAGE)
    public String familyName;
    /** FEMALE, MALE, OTHER or UNKNOWN. */
    @NotBlank @Pattern(regexp = DemographicRules.SEX, message = DemographicRules.SEX_MESSAGE)
    public String sex;
    /** ISO-8601 date, yyyy-MM-dd; not in the future. */
    @NotBlank @Pattern(regexp = DemographicRules.ISO_DATE, message = DemographicRules.ISO_DATE_MESSAGE)
    public String birthDate;
    /** National id or passport number. */
    @Size(max = 64) @Pattern(regexp = DemographicRules.NATIONAL_ID, message = DemographicRules.NATIONAL_ID_MESSAGE)
    public String nationalId;
    @Size(max = ValidDemographics.MAX_PHONES)
    public List<@NotBlank @Pattern(regexp = DemographicRules.PHONE, message = DemographicRules.PHONE_MESSAGE) String> phones =
            new ArrayList<>();
    @Size(max = 254) @Pattern(regexp = DemographicRules.EMAIL, message = DemographicRules.EMAIL_MESSAGE)
    public String email;
    @Valid
    public Address address;
    /** BCP 47 language tag, e.g. en, fr-CA. */
    @Size(max = 35) @Pattern(regexp = DemographicRules.LANGUAGE, message = DemographicRules.LANGUAGE_MESSAGE)
    public String preferredLanguage;
    @Size(max = ValidContacts.MAX_NEXT_OF_KIN)
    public List<@NotNull @Valid NextOfKin> nextOfKin = new ArrayList<>();
    /** The first policy is the primary cover. */
    @Size(max = ValidContacts.MAX_POLICIES)
    public List<@NotNull @Valid InsurancePolicy> insurance = new ArrayList<>();
}
