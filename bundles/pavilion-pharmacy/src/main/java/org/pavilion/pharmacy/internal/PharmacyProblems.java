package org.pavilion.pharmacy.internal;

import org.pavilion.core.api.rest.ProblemException;

/** The pharmacy's problem answers beyond core's. */
public final class PharmacyProblems {

    private PharmacyProblems() {
    }

    /** 422: a body that parses but does not fit: an unknown item or store, a medicine received without expiry. */
    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "validation", "Unprocessable request", detail);
    }

    /** 409: the row changed between the caller's read and this write (the optimistic version check). */
    public static ProblemException changedMeanwhile(String what) {
        return ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
    }
}
