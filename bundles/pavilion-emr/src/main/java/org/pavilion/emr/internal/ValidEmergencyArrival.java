package org.pavilion.emr.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pavilion.core.api.rest.ProblemException;

/** An emergency arrival that passed validation, with the birth date estimated from the apparent age. */
final class ValidEmergencyArrival {

    final String sex;
    final String estimatedBirthDate;
    final String arrivalNote;

    private ValidEmergencyArrival(String sex, String estimatedBirthDate, String arrivalNote) {
        this.sex = sex;
        this.estimatedBirthDate = estimatedBirthDate;
        this.arrivalNote = arrivalNote;
    }

    /** Estimated birth date: 1 January of the year the patient would have been born at that age. */
    static ValidEmergencyArrival of(EmergencyArrival in, LocalDate today) {
        if (in == null) {
            throw ProblemException.validation("sex, approximateAgeYears and arrivalNote are required");
        }
        List<String> errors = new ArrayList<>();
        String sex = in.sex == null ? "UNKNOWN" : in.sex.strip().toUpperCase(Locale.ROOT);
        if (!ValidDemographics.SEXES.contains(sex)) {
            errors.add("sex must be FEMALE, MALE, OTHER or UNKNOWN");
        }
        Integer age = in.approximateAgeYears;
        if (age == null || age < 0 || age > ValidDemographics.MAX_AGE_YEARS) {
            errors.add("approximateAgeYears is required, 0 to " + ValidDemographics.MAX_AGE_YEARS);
        }
        String note = in.arrivalNote == null ? null : in.arrivalNote.strip();
        if (note == null || note.isEmpty() || note.length() > 500) {
            errors.add("arrivalNote is required (how and where the patient arrived, at most 500 characters)");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(String.join("; ", errors));
        }
        LocalDate birth = LocalDate.of(today.getYear() - age, 1, 1);
        return new ValidEmergencyArrival(sex, birth.toString(), note);
    }
}
