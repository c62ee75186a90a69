package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Checks of the payment endpoints' path and query parameters (400 when missing or malformed) and of amounts (422 when
 * they do not fit). The bodies' field rules are declared on {@link PaymentBodies}.
 */
final class PaymentInputs {

    private PaymentInputs() {
    }

    static String required(String value, String field, int max) {
        String v = optional(value, field, max);
        if (v == null) {
            throw ProblemException.validation(field + " is required");
        }
        return v;
    }

    static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ProblemException.validation(field + " is longer than " + max + " characters");
        }
        return v;
    }

    /** {@code text} cut to {@code max} characters, for a column of that width. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** A money amount above zero in {@code currency}'s minor unit (422 otherwise). */
    static BigDecimal positive(String text, String field, String currency) {
        BigDecimal v = Amounts.parse(field, text, currency, false);
        if (v.signum() == 0) {
            throw ProblemException.unprocessable(field + " must be more than zero");
        }
        return v;
    }

    /** A business day, yyyy-MM-dd. */
    static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation("day must be yyyy-MM-dd, was " + text);
        }
    }
}
