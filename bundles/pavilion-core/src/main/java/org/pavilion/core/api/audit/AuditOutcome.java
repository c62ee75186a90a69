package org.pavilion.core.api.audit;

import org.osgi.annotation.versioning.ProviderType;

@ProviderType
public enum AuditOutcome {
    /** The access or change happened. */
    SUCCESS,
    /** The caller was not allowed to do it. */
    DENIED,
    /** It was allowed but failed (bad input, conflict, error). */
    FAILED
}
