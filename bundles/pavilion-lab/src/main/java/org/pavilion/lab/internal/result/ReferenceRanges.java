package org.pavilion.lab.internal.result;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;

/**
 * Picks the reference range that fits a patient best: a range for the patient's sex beats one for any sex, and
 * among those the narrowest age band that contains the patient's age wins. With unknown sex only ranges for any sex
 * fit; with unknown age only ranges without age limits.
 */
public final class ReferenceRanges {

    private ReferenceRanges() {
    }

    public static Optional<ReferenceRangeEntity> mostSpecific(List<ReferenceRangeEntity> ranges, PatientFacts patient,
            long observedMs) {
        Integer age = patient.ageDaysAt(observedMs);
        return ranges.stream()
                .filter(r -> r.getSex() == null || r.getSex().equals(patient.sex()))
                .filter(r -> fitsAge(r, age))
                .min(Comparator.comparingInt((ReferenceRangeEntity r) -> r.getSex() == null ? 1 : 0)
                        .thenComparingLong(ReferenceRanges::bandWidth));
    }

    private static boolean fitsAge(ReferenceRangeEntity r, Integer age) {
        if (age == null) {
            return r.getAgeMinDays() == null && r.getAgeMaxDays() == null;
        }
        return (r.getAgeMinDays() == null || age >= r.getAgeMinDays())
                && (r.getAgeMaxDays() == null || age < r.getAgeMaxDays());
    }

    private static long bandWidth(ReferenceRangeEntity r) {
        long min = r.getAgeMinDays() == null ? 0 : r.getAgeMinDays();
        long max = r.getAgeMaxDays() == null ? Integer.MAX_VALUE * 2L : r.getAgeMaxDays();
        return max - min;
    }

    /** How a range reads on a result: "3.5-5.1", "&gt;3.5" (low only), "&lt;5.1" (high only), or null. */
    static String text(ReferenceRangeEntity r) {
        if (r == null || (r.getLow() == null && r.getHigh() == null)) {
            return null;
        }
        if (r.getHigh() == null) {
            return ">" + ResultDto.plain(r.getLow());
        }
        if (r.getLow() == null) {
            return "<" + ResultDto.plain(r.getHigh());
        }
        return ResultDto.plain(r.getLow()) + "-" + ResultDto.plain(r.getHigh());
    }

    /** LL, HH (critical), L, H or N for {@code v} in the range's unit. */
    static String flag(ReferenceRangeEntity r, BigDecimal v) {
        if (below(v, r.getCriticalLow())) {
            return "LL";
        }
        if (above(v, r.getCriticalHigh())) {
            return "HH";
        }
        if (below(v, r.getLow())) {
            return "L";
        }
        if (above(v, r.getHigh())) {
            return "H";
        }
        return "N";
    }

    private static boolean below(BigDecimal v, BigDecimal limit) {
        return limit != null && v.compareTo(limit) < 0;
    }

    private static boolean above(BigDecimal v, BigDecimal limit) {
        return limit != null && v.compareTo(limit) > 0;
    }
}
