package org.pavilion.billing.internal;

import java.util.function.Function;

import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.Violations;

/**
 * A request body's mistakes gathered into one answer: what its class declares (core's {@link DeclaredConstraints}),
 * then what only code can see (the address's code, a real calendar day, one field against another, an amount by
 * {@code money.Amounts}). A malformed body is refused with core's 400; a body that parses but does not fit keeps the
 * 422 billing has always answered for it (docs/billing-api.md: a price, a tax category, a plan's coverage rules), in
 * the same shape: every field named at once in {@value DeclaredConstraints#VIOLATIONS}.
 */
public final class BodyChecks {

    /** The validation group of the rules a body breaks with a 422 rather than a 400 (see {@link #refuseUnfit}). */
    public interface Unfit {
    }

    private BodyChecks() {
    }

    /**
     * What {@code body} breaks of the rules its class declares in {@code groups} (none: the default group), for the
     * caller to add its own checks to; a missing body is refused at once (400: malformed, whatever the group).
     */
    public static Violations declared(DeclaredConstraints constraints, Object body, Class<?>... groups) {
        Violations found = new Violations();
        try {
            constraints.check(body, groups);
        } catch (ProblemException refused) {
            if (body == null) {
                throw refused;
            }
            found.addAll(refused);
        }
        return found;
    }

    /**
     * Refuses with one 422 (core's {@link ProblemException#unprocessable}) naming every field found, in the
     * {@value DeclaredConstraints#VIOLATIONS} list a 400 carries; returns when nothing was found.
     */
    public static void refuseUnfit(Violations found) {
        try {
            found.refuseAny();
        } catch (ProblemException listed) {
            ProblemException unfit = ProblemException.unprocessable(listed.detail());
            throw new ProblemException(unfit.status(), unfit.type(), unfit.title(), unfit.detail(),
                    listed.extensions());
        }
    }

    /**
     * An amount read by {@code money.Amounts} ({@code f -> Amounts.parsePrice(f, text)}), or null with its refusal
     * added to {@code found} as a violation of {@code field} ("unitPrice must not be negative" becomes the message
     * "must not be negative" of field unitPrice).
     */
    public static <T> T amount(Violations found, String field, Function<String, T> read) {
        try {
            return read.apply(field);
        } catch (ProblemException refused) {
            String detail = refused.detail();
            found.add(field, detail.startsWith(field + " ") ? detail.substring(field.length() + 1) : detail);
            return null;
        }
    }
}
