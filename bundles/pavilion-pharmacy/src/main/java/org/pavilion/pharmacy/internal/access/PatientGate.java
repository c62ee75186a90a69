package org.pavilion.pharmacy.internal.access;

import java.util.Optional;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * May the current caller read, or dispense against, one patient's prescriptions and dispenses? While the EMR is
 * installed {@link EmrPatientGate} asks its PatientAccess for the part {@code dispensing} (staff with the dispensing
 * privileges, a patient account its own record only, merges followed); without it {@link #withoutEmr} applies the
 * department's own rule. A refusal is audited here and thrown as a problem (403, 404 unknown patient, 400 not an MRN);
 * an allowance carries the MRN to file under and the audit record the work writes.
 */
public interface PatientGate {

    /** Staff reading any patient's prescriptions and dispenses. */
    String VIEW = "pharmacy.dispensing.view";
    /** Staff dispensing and taking returns. */
    String RECORD = "pharmacy.dispensing.record";
    /** A patient's own account reading its own dispenses. */
    String VIEW_OWN = "pharmacy.dispensing.view-own";

    /** What an allowed request uses: the MRN to file under (a merged duplicate's survivor) and its audit record. */
    record Allowed(String mrn, AuditEvent.Builder audit) {
    }

    /**
     * @param patientId    the patient the request names
     * @param write        whether the request changes the patient's dispensing data (dispense, return, match)
     * @param auditAction  READ, SEARCH, DISPENSE, RETURN, UPDATE
     * @param resourceType ph-prescription or ph-dispense
     */
    Allowed check(String patientId, boolean write, String auditAction, String resourceType);

    /** Asks {@code gate}; with no caller bound (an event subscriber, a feed) allowed and audited under the id as given. */
    static Allowed allow(PatientGate gate, String patientId, boolean write, String auditAction, String resourceType) {
        if (CallerContext.current().isEmpty()) {
            return new Allowed(patientId, AuditEvent.of(auditAction, resourceType).patientId(patientId));
        }
        return gate.check(patientId, write, auditAction, resourceType);
    }

    /** The MRN a patient account is for. */
    static Optional<String> ownPatient() {
        return CallerContext.current().flatMap(Caller::patientId);
    }

    /** The user acting, kept on dispenses and events; {@code whenNobody} for the system. */
    static String actor(String whenNobody) {
        return CallerContext.current().map(Caller::username).orElse(whenNobody);
    }

    /**
     * The gate while the EMR is not installed: staff may (the endpoint's privilege was checked already); a patient
     * account only reads, and only the patient id its account names.
     */
    static PatientGate withoutEmr(AuditService audit) {
        return (patientId, write, auditAction, resourceType) -> {
            AuditEvent.Builder event = AuditEvent.of(auditAction, resourceType).patientId(patientId);
            Optional<String> own = ownPatient();
            if (own.isPresent() && (write || !own.get().equals(patientId))) {
                String reason = write ? "a patient account does not dispense"
                        : "a patient account sees its own dispensed medicines only";
                audit.record(event.outcome(AuditOutcome.DENIED).detail(reason).build());
                throw ProblemException.forbidden(reason);
            }
            return new Allowed(patientId, event);
        };
    }
}
