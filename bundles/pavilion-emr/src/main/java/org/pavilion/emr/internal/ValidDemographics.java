package org.pavilion.emr.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.Violations;

/** Demographics that passed validation, trimmed and with their normalised search keys. */
public final class ValidDemographics {

    static final int MAX_PHONES = 5;
    /** Oldest birth date accepted: nobody alive is older. */
    static final int MAX_AGE_YEARS = 150;

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

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
     * Checks everything and reports every problem at once (400), so the clerk fixes the form in one go: first the
     * rules the body declares (DeclaredConstraints), then the real-day and today's-date checks of the dates and the
     * repeated policies, refused in the same shape.
     *
     * @param today the hospital's date, for "birth date not in the future"
     */
    public static ValidDemographics of(PatientDemographics in, LocalDate today, DeclaredConstraints constraints) {
        Violations refused = new Violations();
        try {
            constraints.check(in);
        } catch (ProblemException declared) {
            if (in == null) {
                throw declared;
            }
            refused.addAll(declared); // answered with the checks below, in one 400
        }
        return new ValidDemographics(in, today, refused);
    }

    /** Null-safe throughout: it also runs on a body whose declared rules failed, to name its other mistakes. */
    private ValidDemographics(PatientDemographics in, LocalDate today, Violations refused) {
        givenName = trim(in.givenName);
        familyName = trim(in.familyName);
        givenNameNorm = Names.normalise(givenName);
        familyNameNorm = Names.normalise(familyName);
        String s = trim(in.sex);
        sex = s == null ? null : s.toUpperCase(Locale.ROOT);
        birthDate = trim(in.birthDate);
        String dateError = birthDateError(birthDate, today);
        if (dateError != null) {
            refused.add("birthDate", dateError);
        }
        nationalId = trim(in.nationalId);
        nationalIdNorm = nationalId == null ? null : normaliseNationalId(nationalId);
        phones = new ArrayList<>();
        phonesNorm = new ArrayList<>();
        if (in.phones != null) {
            for (String raw : in.phones) {
                String phone = trim(raw);
                if (phone != null) {
                    phones.add(phone);
                    phonesNorm.add(normalisePhone(phone));
                }
            }
        }
        email = trim(in.email);
        Address a = in.address;
        addressLine = a == null ? null : trim(a.line);
        addressCity = a == null ? null : trim(a.city);
        addressPostalCode = a == null ? null : trim(a.postalCode);
        String country = a == null ? null : trim(a.country);
        addressCountry = country == null ? null : country.toUpperCase(Locale.ROOT);
        preferredLanguage = trim(in.preferredLanguage);
        nextOfKin = ValidContacts.nextOfKin(in.nextOfKin, refused);
        insurance = ValidContacts.insurance(in.insurance, refused);
        refused.refuseAny();
    }

    /**
     * Null when {@code value} is a valid birth date for {@code today}, else what is wrong with it; null too when it
     * is missing or not shaped yyyy-MM-dd, which the declared rules report.
     */
    static String birthDateError(String value, LocalDate today) {
        if (value == null || !ISO_DATE.matcher(value).matches()) {
            return null;
        }
        LocalDate date = parseDate(value);
        if (date == null) {
            return "must be a real day as yyyy-MM-dd, was '" + value + "'";
        }
        if (date.isAfter(today)) {
            return value + " is in the future";
        }
        if (date.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            return value + " is more than " + MAX_AGE_YEARS + " years ago";
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
