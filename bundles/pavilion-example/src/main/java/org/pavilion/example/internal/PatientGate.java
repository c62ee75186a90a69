package org.pavilion.example.internal;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;

/**
 * May the current caller see one patient's visits? Registered by {@link EmrPatientGate}, which asks the EMR's
 * PatientAccess, while the EMR is installed; without it {@link #WITHOUT_EMR} answers. A refusal is audited here and
 * thrown as a 403 problem; an allowance carries the audit record the read writes when it is done.
 */
public interface PatientGate {

    /** What an allowed read uses: the MRN to read by (a merged duplicate's survivor) and its audit record. */
    record Allowed(String mrn, AuditEvent.Builder audit) {
    }

    /**
     * @param patientId     the patient the visits are logged under
     * @param viewPrivilege the privilege the calling face (REST or SOAP) opened the visitor log with
     * @param auditAction   READ or SEARCH
     * @throws ProblemException 403 when the caller may not see this patient's visits
     */
    Allowed read(String patientId, String viewPrivilege, String auditAction);

    /**
     * The visitor log's own rule for a patient the EMR cannot speak for (not installed, or a name the desk typed that
     * is no MRN of the EMR): staff who opened the log may read it; a patient's own account may not, because nobody
     * can tell whether the patient is theirs.
     */
    static Allowed staffOnly(AuditService audit, String patientId, String auditAction) {
        AuditEvent.Builder event = AuditEvent.of(auditAction, "visit").patientId(patientId);
        if (CallerContext.current().flatMap(c -> c.patientId()).isPresent()) {
            String reason = "a patient account sees only visits of its own record in the EMR";
            audit.record(event.outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        return new Allowed(patientId, event);
    }

    /** The gate while the EMR is not installed. */
    static PatientGate withoutEmr(AuditService audit) {
        return (patientId, viewPrivilege, auditAction) -> staffOnly(audit, patientId, auditAction);
    }
}
