package org.pavilion.emr.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.pavilion.core.api.rest.ProblemException;

/** Demographics that passed validation, trimmed and with their normalised search keys. */
public final class ValidDemographics {

    static final Set<String> SEXES = Set.of("FEMALE", "MALE", "OTHER", "UNKNOWN");
    static final int MAX_PHONES = 5;
    /** Oldest birth date accepted: nobody alive is older. */
    static final int MAX_AGE_YEARS = 150;

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern NATIONAL_ID = Pattern.compile("[A-Z0-9]{3,32}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{6,32}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    final String givenName;
    final String familyName;
    final String givenNameNorm;
    final String familyNameNorm;
    final String sex;
    final String birthDate;
    final String nationalId;
    final String nationalIdNorm;
    final List<String> phones;
    final List<String> phonesNorm;
    final String email;
    final String addressLine;
    final String addressCity;
    final String addressPostalCode;
    final String addressCountry;
    final String preferredLanguage;
    final List<NextOfKin> nextOfKin;
    final List<InsurancePolicy> insurance;

    /**
     * Checks everything and reports every problem at once (400), so the clerk fixes the form in one go.
     *
     * @param today the hospital's date, for "birth date not in the future"
     */
    public static ValidDemographics of(PatientDemographics in, LocalDate today) {
        if (in == null) {
            throw ProblemException.validation("A patient's demographics are required");
        }
        return new ValidDemographics(in, today);
    }

    private ValidDemographics(PatientDemographics in, LocalDate today) {
        List<String> errors = new ArrayList<>();
        givenName = trim(in.givenName);
        familyName = trim(in.familyName);
        givenNameNorm = Names.normalise(givenName);
        familyNameNorm = Names.normalise(familyName);
        if (givenName == null || givenNameNorm.isEmpty() || givenName.length() > 100) {
            errors.add("givenName is required (a name with letters, at most 100 characters)");
        }
        if (familyName == null || familyNameNorm.isEmpty() || familyName.length() > 100) {
            errors.add("familyName is required (a name with letters, at most 100 characters)");
        }
        String s = trim(in.sex);
        sex = s == null ? null : s.toUpperCase(Locale.ROOT);
        if (sex == null || !SEXES.contains(sex)) {
            errors.add("sex is required: FEMALE, MALE, OTHER or UNKNOWN");
        }
        birthDate = trim(in.birthDate);
        String dateError = birthDateError(birthDate, today);
        if (dateError != null) {
            errors.add(dateError);
        }
        nationalId = trim(in.nationalId);
        nationalIdNorm = nationalId == null ? null : normaliseNationalId(nationalId);
        if (nationalId != null && (nationalId.length() > 64 || !NATIONAL_ID.matcher(nationalIdNorm).matches())) {
            errors.add("nationalId must be 3 to 32 letters or digits (spaces, '-', '.' and '/' are ignored)");
        }
        phones = new ArrayList<>();
        phonesNorm = new ArrayList<>();
        if (in.phones != null) {
            if (in.phones.size() > MAX_PHONES) {
                errors.add("at most " + MAX_PHONES + " phones");
            }
            for (String raw : in.phones) {
                String phone = trim(raw);
                String norm = phone == null ? null : normalisePhone(phone);
                if (phone == null || !PHONE.matcher(phone).matches() || norm.replace("+", "").length() < 6) {
                    errors.add("phone '" + (raw == null ? "" : raw) + "' must be 6 to 32 digits, optionally with "
                            + "a leading + and spaces, '(', ')', '.', '/' or '-'");
                } else {
                    phones.add(phone);
                    phonesNorm.add(norm);
                }
            }
        }
        email = trim(in.email);
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add("email must look like name@example.org (at most 254 characters)");
        }
        Address a = in.address;
        addressLine = a == null ? null : trim(a.line);
        addressCity = a == null ? null : trim(a.city);
        addressPostalCode = a == null ? null : trim(a.postalCode);
        String country = a == null ? null : trim(a.country);
        addressCountry = country == null ? null : country.toUpperCase(Locale.ROOT);
        if (addressLine != null && addressLine.length() > 200) {
            errors.add("address.line must be at most 200 characters");
        }
        if (addressCity != null && addressCity.length() > 100) {
            errors.add("address.city must be at most 100 characters");
        }
        if (addressPostalCode != null && addressPostalCode.length() > 20) {
            errors.add("address.postalCode must be at most 20 characters");
        }
        if (addressCountry != null && !COUNTRY.matcher(addressCountry).matches()) {
            errors.add("address.country must be an ISO 3166-1 alpha-2 code, e.g. FR");
        }
        preferredLanguage = trim(in.preferredLanguage);
        if (preferredLanguage != null && (preferredLanguage.length() > 35 || !LANGUAGE.matcher(preferredLanguage).matches())) {
            errors.add("preferredLanguage must be a BCP 47 language tag, e.g. en or fr-CA");
        }
        nextOfKin = ValidContacts.nextOfKin(in.nextOfKin, errors);
        insurance = ValidContacts.insurance(in.insurance, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(String.join("; ", errors));
        }
    }

    /** Null when {@code value} is a valid birth date for {@code today}, else what is wrong with it. */
    static String birthDateError(String value, LocalDate today) {
        if (value == null) {
            return "birthDate is required (yyyy-MM-dd)";
        }
        LocalDate date = parseDate(value);
        if (date == null) {
            return "birthDate must be a date as yyyy-MM-dd, was '" + value + "'";
        }
        if (date.isAfter(today)) {
            return "birthDate " + value + " is in the future";
        }
        if (date.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            return "birthDate " + value + " is more than " + MAX_AGE_YEARS + " years ago";
        }
        return null;
    }

    /** The date {@code value} (strictly yyyy-MM-dd), or null when it is not one. */
    static LocalDate parseDate(String value) {
        if (value == null || !ISO_DATE.matcher(value).matches()) {
            return null;
        }
        // The digits as they are: LocalDate.parse's general formatter was a tenth of a feed thread's CPU.
        try {
            return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                    Integer.parseInt(value, 8, 10, 10));
        } catch (DateTimeException e) {
            return null; // 1984-02-30, month 13
        }
    }

    /** National ids are compared without case, spaces and punctuation: "ab 12-34" is AB1234. */
    public static String normaliseNationalId(String id) {
        return id.toUpperCase(Locale.ROOT).replaceAll("[\\s./-]", "");
    }

    /** Phones are compared on their digits (and a leading +): "+33 (0)6 12-34" is +33061234. */
    public static String normalisePhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return phone.startsWith("+") ? "+" + digits : digits;
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
