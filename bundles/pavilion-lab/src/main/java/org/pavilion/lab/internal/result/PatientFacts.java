package org.pavilion.lab.internal.result;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What reference ranges depend on: the patient's sex (M, F, or null when unknown or without the EMR) and birth date
 * (null when unknown).
 */
public record PatientFacts(String sex, LocalDate birthDate) {

    public static final PatientFacts UNKNOWN = new PatientFacts(null, null);

    /** Age in days on the day of {@code observedMs} (UTC), or null without a birth date. */
    public Integer ageDaysAt(long observedMs) {
        if (birthDate == null) {
            return null;
        }
        LocalDate day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(observedMs), ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(birthDate, day);
        return days < 0 ? null : (int) Math.min(days, Integer.MAX_VALUE);
    }
}
