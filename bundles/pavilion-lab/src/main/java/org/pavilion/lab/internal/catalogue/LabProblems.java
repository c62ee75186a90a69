package org.pavilion.lab.internal.catalogue;

import org.pavilion.core.api.rest.ProblemException;

/** The laboratory's problem answers beyond core's: 422 for input that is well-formed but does not fit the lab. */
public final class LabProblems {

    private LabProblems() {
    }

    /** 422: a body that parses but names an unknown test, a unit the test does not accept, limits that cross. */
    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "validation", "Unprocessable request", detail);
    }

    /** 409: the row changed between the caller's read and this write (the optimistic version check). */
    public static ProblemException changedMeanwhile(String what) {
        return ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
    }
}
