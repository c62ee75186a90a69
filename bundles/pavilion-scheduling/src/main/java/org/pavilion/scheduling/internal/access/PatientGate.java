package org.pavilion.scheduling.internal.access;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;

/**
 * May the current caller see, or act on, one patient's appointments (and waiting-list entries, feedback)? While the
 * EMR is installed {@link EmrPatientGate} asks its PatientAccess (the rules every department applies, merges
 * followed); without it {@link #withoutEmr} applies the department's own rule. A refusal is audited here and thrown
 * as a 403 problem; an allowance carries the MRN to file under and the audit record the work writes when done.
 *
 * <p>Patient accounts act through the portal's {@code /my/...} endpoints, opened by
 * {@code scheduling.appointment.own}: they may book, move and cancel their own appointments, which for the EMR is
 * reading their own record (patients never "write" a record), so the gate asks READ for them whatever the action.
 */
public interface PatientGate {

    /** The privilege that opens a patient's own appointments in the portal. */
    String OWN = "scheduling.appointment.own";

    /** What an allowed request uses: the MRN to file under (a merged duplicate's survivor) and its audit record. */
    record Allowed(String mrn, AuditEvent.Builder audit) {
    }

    /**
     * @param patientId   the patient the request names (a patient account: its own, from the caller)
     * @param privilege   the privilege the endpoint was opened with (e.g. {@code scheduling.appointment.book})
     * @param write       whether the request changes the patient's appointments
     * @param auditAction READ, SEARCH, CREATE, UPDATE
     * @throws ProblemException 403 when the caller may not
     */
    Allowed check(String patientId, String privilege, boolean write, String auditAction);

    /**
     * The department's own rule for a patient the EMR cannot speak for (not installed, or an identifier the desk
     * typed that is no MRN): staff may; a patient account only for the patient id its account names.
     */
    static Allowed withoutRecord(AuditService audit, String patientId, String auditAction) {
        AuditEvent.Builder event = AuditEvent.of(auditAction, "appointment").patientId(patientId);
        var own = CallerContext.current().flatMap(c -> c.patientId());
        if (own.isPresent() && !own.get().equals(patientId)) {
            String reason = "a patient account acts on its own appointments only";
            audit.record(event.outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        return new Allowed(patientId, event);
    }

    /** The gate while the EMR is not installed. */
    static PatientGate withoutEmr(AuditService audit) {
        return (patientId, privilege, write, auditAction) -> withoutRecord(audit, patientId, auditAction);
    }
}
