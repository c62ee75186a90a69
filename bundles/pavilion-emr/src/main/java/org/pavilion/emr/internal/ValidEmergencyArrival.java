package org.pavilion.emr.internal;

import java.time.LocalDate;
import java.util.Locale;

import org.pavilion.core.api.rest.DeclaredConstraints;

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
    static ValidEmergencyArrival of(EmergencyArrival in, LocalDate today, DeclaredConstraints constraints) {
        constraints.check(in);
        String sex = in.sex == null ? "UNKNOWN" : in.sex.strip().toUpperCase(Locale.ROOT);
        LocalDate birth = LocalDate.of(today.getYear() - in.approximateAgeYears, 1, 1);
        return new ValidEmergencyArrival(sex, birth.toString(), in.arrivalNote.strip());
    }
}
