package org.pavilion.core.api.audit;

public enum AuditOutcome {
    /** The access or change happened. */
    SUCCESS,
    /** The caller was not allowed to do it. */
    DENIED,
    /** It was allowed but failed (bad input, conflict, error). */
    FAILED
}
