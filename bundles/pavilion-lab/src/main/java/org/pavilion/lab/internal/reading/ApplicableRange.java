package org.pavilion.lab.internal.reading;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;

/**
 * Which of a test's reference ranges applies to a patient: the ranges for their sex (or any sex) whose age band holds
 * their age, the most specific one (a sex of its own, then the narrowest band). Not knowing the patient, every range.
 */
final class ApplicableRange {

    private ApplicableRange() {
    }

    static List<ReferenceRangeEntity> choose(List<ReferenceRangeEntity> ranges, PatientFacts.Facts patient,
            LocalDate on) {
        if (patient == null) {
            return ranges;
        }
        Long ageDays = patient.birthDate() == null ? null : ChronoUnit.DAYS.between(patient.birthDate(), on);
        return ranges.stream()
                .filter(r -> r.getSex() == null || r.getSex().equals(patient.sex()))
                .filter(r -> ageDays == null ? r.getAgeMinDays() == null && r.getAgeMaxDays() == null
                        : (r.getAgeMinDays() == null || ageDays >= r.getAgeMinDays())
                                && (r.getAgeMaxDays() == null || ageDays <= r.getAgeMaxDays()))
                .sorted(Comparator.comparing((ReferenceRangeEntity r) -> r.getSex() == null)
                        .thenComparingLong(ApplicableRange::width))
                .limit(1).toList();
    }

    private static long width(ReferenceRangeEntity r) {
        long min = r.getAgeMinDays() == null ? 0 : r.getAgeMinDays();
        long max = r.getAgeMaxDays() == null ? Integer.MAX_VALUE : r.getAgeMaxDays();
        return max - min;
    }
}
