package org.pavilion.emr.api;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What {@link PatientAccess} answered, with what the audit record needs. Only {@link Outcome#ALLOWED} lets the
 * work go on; record {@link #auditEvent(String, String)} whatever the outcome, in the transaction that does the work.
 *
 * @param outcome          the answer
 * @param reason           why it was refused (for the audit trail and the error shown), or null when allowed
 * @param requestedMrn     the MRN the caller named
 * @param mrn              the survivor's MRN to use when allowed (follows merges); null when the patient was not
 *                         resolved
 * @param part             the part asked for
 * @param action           READ or WRITE
 * @param emergency        allowed by breaking the glass: the audit record is flagged as emergency access
 * @param breakGlassReason the clinician's stated reason when {@code emergency}, else null
 */
@ProviderType
public record AccessDecision(Outcome outcome, String reason, String requestedMrn, String mrn, DataPart part,
        PatientAccess.Action action, boolean emergency, String breakGlassReason) {

    /** The possible answers. */
    @ProviderType
    public enum Outcome {
        /** Go on, using {@link AccessDecision#mrn()}. */
        ALLOWED,
        /** Refused; answer 403 without revealing whether the patient exists. */
        DENIED,
        /** A restricted record: a clinician may retry with a break-the-glass reason (answer 403). */
        BREAK_GLASS_REQUIRED,
        /** The caller may, but there is no such patient (answer 404). */
        NOT_FOUND,
        /** The request is malformed: not an MRN, or a break-the-glass reason too short (answer 400). */
        INVALID
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /**
     * The audit record of this decision for {@code auditAction} (e.g. READ, UPDATE, DISPENSE) on
     * {@code resource}: DENIED for refusals, FAILED for a missing patient, success (flagged emergency access
     * with the reason when the glass was broken) otherwise. Add the resource id and detail the work knows.
     */
    public AuditEvent.Builder auditEvent(String auditAction, String resource) {
        String patient = mrn != null ? mrn : requestedMrn;
        AuditEvent.Builder b = AuditEvent.of(auditAction, resource).resourceId(requestedMrn).patientId(patient);
        return switch (outcome) {
            case ALLOWED -> emergency
                    ? b.emergencyAccess(true).detail("break-the-glass: " + breakGlassReason)
                    : b;
            case NOT_FOUND -> b.outcome(AuditOutcome.FAILED).detail(reason);
            case DENIED, BREAK_GLASS_REQUIRED, INVALID -> b.outcome(AuditOutcome.DENIED).detail(reason);
        };
    }
}
