package org.pavilion.lab.internal.access;

import java.util.Optional;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * May the current caller see, or act on, one patient's lab orders and results? While the EMR is installed
 * {@link EmrPatientGate} asks its PatientAccess (the rules every department applies: clinicians read clinical data,
 * a restricted record needs break-the-glass, a patient account its own only, merges followed); without it
 * {@link #withoutEmr} applies the department's own rule. A refusal is audited here and thrown as a problem (403,
 * 404 unknown patient, 400 no MRN); an allowance carries the MRN to file under and the audit record the work writes.
 *
 * <p>Use {@link #allow}: it picks the privilege the caller acts under and lets the system (no caller bound: an HL7
 * feed, a timer) through.
 */
public interface PatientGate {

    /** The privilege that opens a patient's own released results in the portal. */
    String OWN = "lab.result.own";

    /** What an allowed request uses: the MRN to file under (a merged duplicate's survivor) and its audit record. */
    record Allowed(String mrn, AuditEvent.Builder audit) {
    }

    /**
     * @param patientId        the patient the request names
     * @param privilege        the privilege the endpoint was opened with (e.g. {@code lab.order.place})
     * @param write            whether the request changes the patient's lab data
     * @param auditAction      READ, SEARCH, CREATE, UPDATE, VERIFY...
     * @param resourceType     the audit resource type: lab-order, lab-result, lab-critical
     * @param breakGlassReason a clinician's reason for opening a restricted record, or null
     * @throws ProblemException 403 when the caller may not, 404 for a patient the EMR does not know
     */
    Allowed check(String patientId, String privilege, boolean write, String auditAction, String resourceType,
            String breakGlassReason);

    /**
     * Asks {@code gate} as the caller acts: a patient account under {@link #OWN}, staff under
     * {@code staffPrivilege}; with no caller bound (a feed, a timer) allowed and audited under the id as given.
     */
    static Allowed allow(PatientGate gate, String patientId, String staffPrivilege, boolean write, String auditAction,
            String resourceType, String breakGlassReason) {
        if (CallerContext.current().isEmpty()) {
            return new Allowed(patientId, AuditEvent.of(auditAction, resourceType).patientId(patientId));
        }
        return gate.check(patientId, patientAccount() ? OWN : staffPrivilege, write, auditAction, resourceType,
                breakGlassReason);
    }

    /** {@link #allow} without a break-the-glass reason. */
    static Allowed allow(PatientGate gate, String patientId, String staffPrivilege, boolean write, String auditAction,
            String resourceType) {
        return allow(gate, patientId, staffPrivilege, write, auditAction, resourceType, null);
    }

    /** Whether the caller is a patient's own account. */
    static boolean patientAccount() {
        return ownPatient().isPresent();
    }

    /** The MRN a patient account is for. */
    static Optional<String> ownPatient() {
        return CallerContext.current().flatMap(Caller::patientId);
    }

    /** The user acting, kept on history rows and events; {@code whenNobody} for the system. */
    static String actor(String whenNobody) {
        return CallerContext.current().map(Caller::username).orElse(whenNobody);
    }

    /**
     * The gate while the EMR is not installed: staff may (the endpoint's privilege was checked already); a patient
     * account only for the patient id its account names.
     */
    static PatientGate withoutEmr(AuditService audit) {
        return (patientId, privilege, write, auditAction, resourceType, breakGlassReason) -> {
            AuditEvent.Builder event = AuditEvent.of(auditAction, resourceType).patientId(patientId);
            Optional<String> own = ownPatient();
            if (own.isPresent() && !own.get().equals(patientId)) {
                String reason = "a patient account sees its own results only";
                audit.record(event.outcome(AuditOutcome.DENIED).detail(reason).build());
                throw ProblemException.forbidden(reason);
            }
            return new Allowed(patientId, event);
        };
    }
}
