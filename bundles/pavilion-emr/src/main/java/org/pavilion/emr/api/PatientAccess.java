package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one answer to "may the current caller see, or act on, this part of this patient's data", for code of any
 * department running in the container. The EMR applies the same rules to its own endpoints, so a department that
 * asks here behaves as the EMR does: clinicians read the clinical record, billing and front-desk staff see
 * demographics only, a patient's own account only its own data (following merges), and a restricted record needs a
 * clinician to break the glass with a reason.
 * <p>
 * The caller is the one bound by {@code CallerContext}; with none bound (an HL7 route, a timer acting as the
 * system) everything is allowed, as in the EMR. Deciding does <b>not</b> audit: the department records
 * {@link AccessDecision#auditEvent(String, String)} with its own {@code AuditService}, in the transaction that does the
 * work, so a refusal and a success are written exactly once and beside what they protect.
 */
@ProviderType
public interface PatientAccess {

    /** Whether the caller wants to look or to change something. */
    @ProviderType
    enum Action {
        READ, WRITE
    }

    /**
     * Decides whether the caller may {@code action} {@code part} of patient {@code mrn}'s data.
     *
     * @param mrn              the MRN the request named; a merged duplicate's is followed to its survivor
     * @param part             which data; a department's own part is {@link DataPart#declaredBy}
     * @param action           READ or WRITE
     * @param breakGlassReason a clinician's reason for opening a restricted record, or null
     * @return never null; {@link AccessDecision#mrn()} is the survivor's MRN to use when allowed
     */
    AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason);

    /** {@link #decide} without a break-the-glass reason. */
    default AccessDecision decide(String mrn, DataPart part, Action action) {
        return decide(mrn, part, action, null);
    }
}
