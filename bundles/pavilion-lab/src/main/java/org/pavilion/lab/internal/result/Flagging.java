package org.pavilion.lab.internal.result;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;

/**
 * Checks an entered value against its test and flags it: a NUMERIC value is converted to the test's unit and
 * compared with the patient's most specific range (LL/HH critical, L/H, N; no flag without a range); a CODED value
 * must be one of the test's values and is A when it is an abnormal one, else N; a TEXT value is not flagged. A value
 * that does not fit the test is refused with 422.
 */
final class Flagging {

    /** Values are kept with the column's six decimals. */
    static final int SCALE = 6;

    /**
     * A value as the result row keeps it.
     *
     * @param valueText       the value as entered (CODED: in the catalogue's spelling)
     * @param valueInTestUnit NUMERIC: the value in the test's unit; else null
     * @param unit            the test's unit (NUMERIC), else null
     */
    record Assessment(String valueText, BigDecimal valueInTestUnit, String unit, String enteredUnit,
            String referenceRange, String flag, boolean critical) {
    }

    private Flagging() {
    }

    static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "validation", "Result does not fit the test", detail);
    }

    /** A refusal naming what was refused ({@link ResultIntake#REFUSED}), so an HL7 ACK points at the right field. */
    static ProblemException unprocessable(String detail, String refused) {
        return new ProblemException(422, "validation", "Result does not fit the test", detail,
                java.util.Map.of(ResultIntake.REFUSED, refused));
    }

    static Assessment assess(TestDefinitions.Definition test, String value, String unit, PatientFacts patient,
            long observedMs) {
        if (value == null || value.isBlank()) {
            throw unprocessable("A value is required for " + test.code());
        }
        String v = value.strip();
        String type = test.resultType() == null ? "TEXT" : test.resultType().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "NUMERIC" -> numeric(test, v, unit, patient, observedMs);
            case "CODED" -> coded(test, v);
            default -> new Assessment(v, null, null, blankToNull(unit), null, null, false);
        };
    }

    private static Assessment numeric(TestDefinitions.Definition test, String value, String unit,
            PatientFacts patient, long observedMs) {
        BigDecimal entered;
        try {
            entered = new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            throw unprocessable(test.code() + " is a numeric test: '" + abbreviate(value) + "' is not a number");
        }
        String given = blankToNull(unit);
        BigDecimal factor = factor(test, given);
        BigDecimal inTestUnit = entered.multiply(factor, MathContext.DECIMAL64).setScale(SCALE, RoundingMode.HALF_UP);
        if (inTestUnit.abs().compareTo(new BigDecimal("1E13")) >= 0) {
            throw unprocessable(test.code() + " value " + abbreviate(value) + " is out of any measurable range");
        }
        Optional<ReferenceRangeEntity> range = ReferenceRanges.mostSpecific(test.ranges(), patient, observedMs);
        String flag = range.map(r -> ReferenceRanges.flag(r, inTestUnit)).orElse(null);
        boolean critical = "LL".equals(flag) || "HH".equals(flag);
        return new Assessment(value, inTestUnit, test.test().getUnit(), given == null ? test.test().getUnit() : given,
                range.map(ReferenceRanges::text).orElse(null), flag, critical);
    }

    /** The factor from {@code unit} to the test's unit: 1 for the test's own unit (or none given). */
    private static BigDecimal factor(TestDefinitions.Definition test, String unit) {
        String own = test.test().getUnit();
        if (unit == null || unit.equals(own)) {
            return BigDecimal.ONE;
        }
        BigDecimal f = test.units().get(unit);
        if (f == null) {
            // UCUM is case-sensitive, but "MMOL/L" for "mmol/L" is not a different unit to anyone entering it.
            if (own != null && own.equalsIgnoreCase(unit)) {
                return BigDecimal.ONE;
            }
            f = test.units().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(unit))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        }
        if (f == null) {
            throw unprocessable(test.code() + " is not measured in '" + abbreviate(unit) + "': use " + own
                    + (test.units().isEmpty() ? "" : " or one of " + test.units().keySet().stream().sorted().toList()),
                    "unit");
        }
        return f;
    }

    private static Assessment coded(TestDefinitions.Definition test, String value) {
        String known = test.codedValues().stream().filter(c -> c.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> unprocessable("'" + abbreviate(value) + "' is not an answer of " + test.code()
                        + ": one of " + test.codedValues()));
        boolean abnormal = test.abnormalValues().stream().anyMatch(a -> a.equalsIgnoreCase(known));
        return new Assessment(known, null, null, null, null, abnormal ? "A" : "N", false);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
