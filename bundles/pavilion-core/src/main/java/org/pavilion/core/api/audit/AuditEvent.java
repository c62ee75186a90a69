package org.pavilion.core.api.audit;

import java.util.Objects;

import org.pavilion.core.api.security.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One access to patient or platform data, as a department reports it. Who, their role and where from are
 * taken from the current {@link org.pavilion.core.api.security.CallerContext} unless set with {@link #as}.
 */
@ProviderType
public final class AuditEvent {

    private final String action;
    private final String resourceType;
    private final String resourceId;
    private final String patientId;
    private final AuditOutcome outcome;
    private final String detail;
    private final boolean emergencyAccess;
    private final Caller caller;

    private AuditEvent(Builder b) {
        this.action = Objects.requireNonNull(b.action, "action");
        this.resourceType = Objects.requireNonNull(b.resourceType, "resourceType");
        this.resourceId = b.resourceId;
        this.patientId = b.patientId;
        this.outcome = b.outcome;
        this.detail = b.detail;
        this.emergencyAccess = b.emergencyAccess;
        this.caller = b.caller;
    }

    /**
     * This event done by {@code caller}: for a thread that records for others (a committer writing several callers'
     * work in one transaction), where the current caller is not the one who acted.
     *
     * @since 1.2
     */
    public AuditEvent as(Caller caller) {
        Builder b = of(action, resourceType).resourceId(resourceId).patientId(patientId).outcome(outcome)
                .detail(detail).emergencyAccess(emergencyAccess);
        b.caller = caller;
        return b.build();
    }

    /** @param action what was done, e.g. READ, CREATE, UPDATE, DELETE, SEARCH, EXPORT, LOGIN */
    public static Builder of(String action, String resourceType) {
        Builder b = new Builder();
        b.action = action;
        b.resourceType = resourceType;
        return b;
    }

    public String action() { return action; }
    public String resourceType() { return resourceType; }
    public String resourceId() { return resourceId; }
    public String patientId() { return patientId; }
    public AuditOutcome outcome() { return outcome; }
    public String detail() { return detail; }
    public boolean emergencyAccess() { return emergencyAccess; }
    /** Who acted when set with {@link #as}; null: the caller current when it is recorded. @since 1.2 */
    public Caller caller() { return caller; }

    @ProviderType
    public static final class Builder {
        private String action;
        private String resourceType;
        private String resourceId;
        private String patientId;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private String detail;
        private boolean emergencyAccess;
        private Caller caller;

        public Builder resourceId(String id) { this.resourceId = id; return this; }
        public Builder patientId(String id) { this.patientId = id; return this; }
        public Builder outcome(AuditOutcome o) { this.outcome = Objects.requireNonNull(o); return this; }
        public Builder detail(String d) { this.detail = d; return this; }
        /** Break-the-glass access: flagged in the trail; put the clinician's reason in {@link #detail}. */
        public Builder emergencyAccess(boolean e) { this.emergencyAccess = e; return this; }
        public AuditEvent build() { return new AuditEvent(this); }
    }
}
