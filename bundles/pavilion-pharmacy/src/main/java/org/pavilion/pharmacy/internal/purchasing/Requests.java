package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;

import javax.persistence.EntityExistsException;
import javax.persistence.OptimisticLockException;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/** Small rules every purchasing request shares: who acts, trimmed text, quantities, the optimistic version. */
final class Requests {

    private Requests() {
    }

    /** The user behind the request ("system" for in-container work without a caller). */
    static String actor() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    /** {@code s} stripped, null when blank; 400 when longer than {@code max}. */
    static String text(String field, String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (t.length() > max) {
            throw ProblemException.validation(field + " is at most " + max + " characters");
        }
        return t;
    }

    /** A positive quantity of at most 3 decimals (the ledger's scale); 422 otherwise. */
    static BigDecimal positive(String what, BigDecimal q) {
        if (q == null || q.signum() <= 0) {
            throw PharmacyProblems.unprocessable(what + " must be a positive quantity (was "
                    + (q == null ? "none" : q.toPlainString()) + ")");
        }
        if (q.stripTrailingZeros().scale() > 3) {
            throw PharmacyProblems.unprocessable(what + " has more than 3 decimals: " + q.toPlainString());
        }
        return q;
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    /** A unique key or primary key violation (SQL state 23505 on H2 and PostgreSQL) somewhere in the causes. */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EntityExistsException
                    || (c instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean isOptimistic(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
