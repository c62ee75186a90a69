package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * Reading the fields of a request body after its declared rules passed (DeclaredConstraints): 400 for what does not
 * parse, 422 for what parses but does not fit.
 */
final class Inputs {

    private Inputs() {
    }

    /** A positive decimal quantity of at most three decimals (the ledger's scale). */
    static BigDecimal quantity(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.validation(field + " is required");
        }
        BigDecimal q;
        try {
            q = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.validation(field + " '" + text.strip() + "' is not a decimal number");
        }
        if (q.signum() <= 0) {
            throw PharmacyProblems.unprocessable(field + " must be positive (was " + text.strip() + ")");
        }
        if (q.stripTrailingZeros().scale() > 3) {
            throw PharmacyProblems.unprocessable(field + " has at most three decimals (was " + text.strip() + ")");
        }
        return q;
    }

    /** Stripped text, null when blank (the body's declared @Size has bounded it already). */
    static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
