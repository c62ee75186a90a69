package org.pavilion.emr.internal;

/**
 * The patterns the registration bodies declare (PatientDemographics, Address, NextOfKin, InsurancePolicy,
 * EmergencyArrival), in one place. Values are trimmed before they are stored, so each pattern allows surrounding
 * spaces; an empty value passes the pattern and is left to {@code @NotBlank} where the field is required, so a
 * missing field is reported once.
 */
final class DemographicRules {

    private static final String TRIMMED = "\\s*";

    /** A name has at least one letter or digit ("--" normalises to nothing and is no name). */
    static final String NAME = "(?s)\\s*|.*[\\p{L}\\p{Nd}].*";
    static final String NAME_MESSAGE = "must contain letters";

    static final String SEX = "(?i)\\s*(FEMALE|MALE|OTHER|UNKNOWN)?\\s*";
    /** An emergency arrival's sex: absent is UNKNOWN, but given it is one of the four. */
    static final String SEX_GIVEN = "(?i)\\s*(FEMALE|MALE|OTHER|UNKNOWN)\\s*";
    static final String SEX_MESSAGE = "is FEMALE, MALE, OTHER or UNKNOWN";

    /** The shape only; whether it is a real day, not in the future and within a lifetime is checked after. */
    static final String ISO_DATE = TRIMMED + "([0-9]{4}-[0-9]{2}-[0-9]{2})?" + TRIMMED;
    static final String ISO_DATE_MESSAGE = "must be a date as yyyy-MM-dd";

    /** 3 to 32 letters or digits once spaces, '-', '.' and '/' are taken out. */
    static final String NATIONAL_ID = "[\\s./-]*([A-Za-z0-9][\\s./-]*){3,32}|\\s*";
    static final String NATIONAL_ID_MESSAGE = "must be 3 to 32 letters or digits (spaces, '-', '.' and '/' are ignored)";

    /** 6 to 32 characters of which at least 6 digits, optionally a leading + and spaces, '(', ')', '.', '/', '-'. */
    static final String PHONE = TRIMMED + "(?=(?:[^0-9]*[0-9]){6})\\+?[0-9 ()./-]{6,32}" + TRIMMED;
    static final String PHONE_MESSAGE = "must be 6 to 32 digits, optionally with a leading + and spaces, '(', ')', "
            + "'.', '/' or '-'";

    static final String EMAIL = TRIMMED + "([^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+)?" + TRIMMED;
    static final String EMAIL_MESSAGE = "must look like name@example.org";

    static final String LANGUAGE = TRIMMED + "([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3})?" + TRIMMED;
    static final String LANGUAGE_MESSAGE = "must be a BCP 47 language tag, e.g. en or fr-CA";

    static final String COUNTRY = TRIMMED + "([A-Za-z]{2})?" + TRIMMED;
    static final String COUNTRY_MESSAGE = "must be an ISO 3166-1 alpha-2 code, e.g. FR";

    static final String RELATIONSHIP = "(?i)\\s*(SPOUSE|PARTNER|PARENT|CHILD|SIBLING|GUARDIAN|FRIEND|OTHER)?\\s*";
    static final String RELATIONSHIP_MESSAGE = "is one of CHILD, FRIEND, GUARDIAN, OTHER, PARENT, PARTNER, SIBLING, "
            + "SPOUSE";

    static final String HOLDER = "(?i)\\s*(SELF|SPOUSE|PARENT|OTHER)\\s*";
    static final String HOLDER_MESSAGE = "is one of OTHER, PARENT, SELF, SPOUSE";

    static final String POLICY_NUMBER = TRIMMED + "([A-Za-z0-9][A-Za-z0-9 ./-]{0,39})?" + TRIMMED;
    static final String POLICY_NUMBER_MESSAGE = "must be 1 to 40 letters, digits, spaces, '.', '/' or '-'";

    private DemographicRules() {
    }
}
