package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;

import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * Quantities as the REST bodies carry them: decimal strings in the item's unit of issue, at most 3 decimals (the
 * columns are decimal(19,3), so a fourth decimal would be rounded away silently) and at most 16 digits before the point.
 */
public final class Quantities {

    private static final int MAX_SCALE = 3;
    private static final int MAX_INTEGER_DIGITS = 16;

    private Quantities() {
    }

    /** A quantity that must be more than zero; 422 when it is missing, not a number, zero or negative. */
    public static BigDecimal positive(String field, String text) {
        BigDecimal q = parse(field, text);
        if (q.signum() <= 0) {
            throw PharmacyProblems.unprocessable(field + " must be more than 0 (was " + text.strip() + ")");
        }
        return q;
    }

    /** A signed quantity that must not be zero (an adjustment); 422 when it is missing, not a number or zero. */
    public static BigDecimal nonZero(String field, String text) {
        BigDecimal q = parse(field, text);
        if (q.signum() == 0) {
            throw PharmacyProblems.unprocessable(field + " must not be 0: + adds stock, - removes it");
        }
        return q;
    }

    /** How a quantity is written in answers: plain, without trailing zeros ("12.5", "40"). */
    public static String text(BigDecimal q) {
        return q == null ? null : q.signum() == 0 ? "0" : q.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw PharmacyProblems.unprocessable(field + " is required (a decimal such as \"12.5\")");
        }
        BigDecimal q;
        try {
            q = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw PharmacyProblems.unprocessable(field + " '" + text.strip() + "' is not a number");
        }
        q = q.signum() == 0 ? BigDecimal.ZERO : q.stripTrailingZeros();
        if (q.scale() > MAX_SCALE) {
            throw PharmacyProblems.unprocessable(field + " " + text.strip() + " has more than " + MAX_SCALE + " decimals");
        }
        if (q.precision() - q.scale() > MAX_INTEGER_DIGITS) {
            throw PharmacyProblems.unprocessable(field + " " + text.strip() + " is too large");
        }
        return q.scale() < 0 ? q.setScale(0) : q;
    }
}
