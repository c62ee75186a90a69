package org.pavilion.lab.internal.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * The EMR's answer for the tests, by its rules in short: staff need the part's privilege; a patient account its own
 * record; the {@code restricted} records need a break-the-glass reason of 10 characters or more.
 */
public final class RestrictedRecords implements PatientAccess {

    private final Set<String> restricted;
    /** The reasons asked with, in order (null when none). */
    public final List<String> reasons = new ArrayList<>();

    public RestrictedRecords(String... restricted) {
        this.restricted = Set.of(restricted);
    }

    @Override
    public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
        reasons.add(breakGlassReason);
        var caller = CallerContext.require();
        if (caller.patientId().isPresent()) {
            return caller.patientId().get().equals(mrn) && caller.hasPrivilege(part.ownPatient())
                    ? decision(AccessDecision.Outcome.ALLOWED, null, mrn, part, action, false, null)
                    : decision(AccessDecision.Outcome.DENIED, "not the caller's own record", mrn, part, action,
                            false, null);
        }
        if (!caller.hasPrivilege(part.anyPatient())) {
            return decision(AccessDecision.Outcome.DENIED, "no privilege " + part.anyPatient(), mrn, part, action,
                    false, null);
        }
        if (breakGlassReason != null && breakGlassReason.length() < 10) {
            return decision(AccessDecision.Outcome.INVALID, "a break-the-glass reason needs 10 characters", mrn,
                    part, action, false, null);
        }
        if (restricted.contains(mrn) && breakGlassReason == null) {
            return decision(AccessDecision.Outcome.BREAK_GLASS_REQUIRED, "restricted record, no break-the-glass "
                    + "reason", mrn, part, action, false, null);
        }
        return decision(AccessDecision.Outcome.ALLOWED, null, mrn, part, action, breakGlassReason != null,
                breakGlassReason);
    }

    private static AccessDecision decision(AccessDecision.Outcome outcome, String reason, String mrn, DataPart part,
            Action action, boolean emergency, String breakGlassReason) {
        return new AccessDecision(outcome, reason, mrn, outcome == AccessDecision.Outcome.ALLOWED ? mrn : null, part,
                action, emergency, breakGlassReason);
    }
}
