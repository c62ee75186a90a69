package org.pavilion.billing.internal.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.pavilion.core.api.rest.ProblemException;

/**
 * Billing's money rules, in one place (docs/billing-api.md, "Money"): amounts are {@link BigDecimal}, never floating
 * point; an amount has the currency's minor unit (2 decimals for EUR, 0 for JPY), rounded half up ("commercial
 * rounding") once per invoice line; unit prices keep up to 4 decimals; quantities up to 3; rates are fractions with up
 * to 4 decimals (0.0550 is 5.5 %). Totals are sums of rounded lines, so a printed invoice always adds up.
 */
public final class Amounts {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final int PRICE_SCALE = 4;
    public static final int QUANTITY_SCALE = 3;
    public static final int RATE_SCALE = 4;

    private Amounts() {
    }

    /** The currency's minor-unit digits (EUR 2, JPY 0); 2 for a currency Java does not know. */
    public static int scale(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    /** {@code value} rounded to the currency's minor unit, half up. */
    public static BigDecimal round(BigDecimal value, String currency) {
        return value.setScale(scale(currency), ROUNDING);
    }

    /** Zero in the currency's scale. */
    public static BigDecimal zero(String currency) {
        return BigDecimal.ZERO.setScale(scale(currency));
    }

    /**
     * Parses a money amount given by a client ({@code "12.50"}): a decimal string with at most the currency's
     * minor-unit digits; {@code negativeAllowed} false refuses below zero. A 422 names {@code field}.
     */
    public static BigDecimal parse(String field, String text, String currency, boolean negativeAllowed) {
        BigDecimal v = decimal(field, text);
        if (v.stripTrailingZeros().scale() > scale(currency)) {
            throw ProblemException.unprocessable(field + " has more decimals than " + currency + " allows ("
                    + scale(currency) + ")");
        }
        if (!negativeAllowed && v.signum() < 0) {
            throw ProblemException.unprocessable(field + " must not be negative");
        }
        return v.setScale(scale(currency), ROUNDING);
    }

    /** A unit price: at most 4 decimals, not negative. */
    public static BigDecimal parsePrice(String field, String text) {
        BigDecimal v = decimal(field, text);
        if (v.stripTrailingZeros().scale() > PRICE_SCALE) {
            throw ProblemException.unprocessable(field + " has more than " + PRICE_SCALE + " decimals");
        }
        if (v.signum() < 0) {
            throw ProblemException.unprocessable(field + " must not be negative");
        }
        return v.setScale(PRICE_SCALE, ROUNDING);
    }

    /** A quantity: at most 3 decimals, not zero (negative only where {@code negativeAllowed}: a reversal). */
    public static BigDecimal parseQuantity(String field, String text, boolean negativeAllowed) {
        BigDecimal v = decimal(field, text);
        if (v.stripTrailingZeros().scale() > QUANTITY_SCALE) {
            throw ProblemException.unprocessable(field + " has more than " + QUANTITY_SCALE + " decimals");
        }
        if (v.signum() == 0 || (!negativeAllowed && v.signum() < 0)) {
            throw ProblemException.unprocessable(field + " must be " + (negativeAllowed ? "non-zero" : "positive"));
        }
        return v.setScale(QUANTITY_SCALE, ROUNDING);
    }

    /** A rate as a fraction (0.2 is 20 %): 0 to 1, at most 4 decimals. */
    public static BigDecimal parseRate(String field, String text) {
        BigDecimal v = decimal(field, text);
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0 || v.stripTrailingZeros().scale() > RATE_SCALE) {
            throw ProblemException.unprocessable(field + " is a fraction from 0 to 1 with at most " + RATE_SCALE
                    + " decimals (0.055 is 5.5 %)");
        }
        return v.setScale(RATE_SCALE, ROUNDING);
    }

    /** Plain text of an amount for JSON and events ({@code "12.50"}), or null. */
    public static String text(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    private static BigDecimal decimal(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.unprocessable(field + " is required");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable(field + " is not a decimal number: " + text);
        }
    }
}
