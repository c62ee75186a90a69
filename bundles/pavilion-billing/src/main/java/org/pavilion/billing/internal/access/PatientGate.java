package org.pavilion.billing.internal.access;

import java.util.Optional;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * May the current caller read, or change, one patient's billing data (charges, invoices, payments, policies, claims)?
 * While the EMR is installed {@link EmrPatientGate} asks its PatientAccess for the part {@code billing} (staff with
 * billing's privileges, a patient account its own only, merges followed); without it {@link #withoutEmr} applies the
 * department's own rule. The endpoint's own privilege is checked before (REST's {@code @RequiresPrivilege}). A refusal
 * is audited here and thrown as a problem (403, 404 unknown patient, 400 not an MRN); an allowance carries the MRN to
 * file under and the audit record the work writes (resource types {@code bl-charge}, {@code bl-invoice},
 * {@code bl-payment}, {@code bl-policy}, {@code bl-claim}).
 */
public interface PatientGate {

    /** Staff reading a patient's billing data. */
    String VIEW = "billing.invoices.view";
    /** Staff changing it (charges, invoices, payments, policies, claims). */
    String WRITE = "billing.invoices.manage";
    /** A patient's own account reading (and paying) its own invoices. */
    String VIEW_OWN = "billing.invoices.view-own";

    /** What an allowed request uses: the MRN to file under (a merged duplicate's survivor) and its audit record. */
    record Allowed(String mrn, AuditEvent.Builder audit) {
    }

    /**
     * @param patientId    the patient the request names
     * @param write        whether the request changes the patient's billing data
     * @param auditAction  READ, SEARCH, CREATE, UPDATE, PAY
     * @param resourceType bl-charge, bl-invoice, bl-payment, bl-policy or bl-claim
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

    /** The user acting, kept on documents and events; {@code whenNobody} for the system. */
    static String actor(String whenNobody) {
        return CallerContext.current().map(Caller::username).orElse(whenNobody);
    }

    /**
     * The gate while the EMR is not installed: staff may (the endpoint's privilege was checked already); a patient
     * account only the patient id its account names, and writes only its own payments (the endpoint decides which).
     */
    static PatientGate withoutEmr(AuditService audit) {
        return (patientId, write, auditAction, resourceType) -> {
            AuditEvent.Builder event = AuditEvent.of(auditAction, resourceType).patientId(patientId);
            Optional<String> own = ownPatient();
            if (own.isPresent() && !own.get().equals(patientId)) {
                String reason = "a patient account sees and pays its own invoices only";
                audit.record(event.outcome(AuditOutcome.DENIED).detail(reason).build());
                throw ProblemException.forbidden(reason);
            }
            return new Allowed(patientId, event);
        };
    }
}
