package org.pavilion.emr.internal.record;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fixed vocabulary of vital-sign observations: code, the one UCUM unit accepted and a plausibility range
 * wide enough for any living patient (neonates to adults, critical care included) but narrow enough to catch
 * the usual unit mistakes: 98.6 entered as temperature (Fahrenheit), 0.97 as SpO2 (a fraction), 1.75 as
 * height (metres). Ranges catch the obvious only: a weight in pounds that is plausible in kg passes.
 */
public enum VitalSign {
    HEART_RATE("heart-rate", "/min", 20, 300, null),
    SYSTOLIC_BP("systolic-bp", "mm[Hg]", 40, 300, null),
    DIASTOLIC_BP("diastolic-bp", "mm[Hg]", 20, 200, null),
    BODY_TEMPERATURE("body-temperature", "Cel", 25, 45, "a value above 45 looks like degrees Fahrenheit: send Celsius"),
    RESPIRATORY_RATE("respiratory-rate", "/min", 2, 80, null),
    SPO2("spo2", "%", 40, 100, "a value of 1 or less looks like a fraction: send a percentage (97, not 0.97)"),
    BODY_WEIGHT("body-weight", "kg", 0.2, 500, null),
    BODY_HEIGHT("body-height", "cm", 20, 280, "a value below 3 looks like metres: send centimetres");

    public final String code;
    public final String unit;
    public final double min;
    public final double max;
    private final String unitHint;

    VitalSign(String code, String unit, double min, double max, String unitHint) {
        this.code = code;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.unitHint = unitHint;
    }

    public static VitalSign byCode(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.code.equals(c)).findFirst().orElse(null);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(v -> v.code).toList();
    }

    /** The accepted unit for {@code given}: exact UCUM, or mmHg for mm[Hg]; null when it is another unit. */
    String acceptUnit(String given) {
        if (given == null || given.isBlank()) {
            return unit; // the vocabulary fixes the unit, so leaving it out is unambiguous
        }
        String g = given.strip();
        if (g.equals(unit) || (this == SYSTOLIC_BP || this == DIASTOLIC_BP) && g.equalsIgnoreCase("mmHg")) {
            return unit;
        }
        return null;
    }

    /** Null when plausible, else why not (for a 400). */
    public String implausible(double value, String givenUnit) {
        if (acceptUnit(givenUnit) == null) {
            return code + " is measured in " + unit + ", not '" + givenUnit + "'";
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < min || value > max) {
            String hint = unitHint == null ? "" : " (" + unitHint + ")";
            return code + " " + value + " " + unit + " is outside the plausible range " + fmt(min) + "–" + fmt(max)
                    + " " + unit + hint;
        }
        if (this == BODY_HEIGHT && value < 3 || this == SPO2 && value <= 1) {
            return code + " " + value + " " + unit + " is implausible (" + unitHint + ")";
        }
        return null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String vocabulary() {
        return Arrays.stream(values()).map(v -> v.code + " (" + v.unit + ")").collect(Collectors.joining(", "));
    }
}
