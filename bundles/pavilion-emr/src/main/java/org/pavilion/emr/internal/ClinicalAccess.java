package org.pavilion.emr.internal;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * Who may read or write a patient's clinical record (encounters, problems, allergies, observations, notes,
 * prescriptions, documents). Every clinical service asks here first, with the MRN from the request:
 * <ul>
 * <li>DOCTOR and NURSE may; on a restricted record (VIP, staff member, sensitive) only by breaking the glass
 * with a reason, which the audit trail flags as emergency access.</li>
 * <li>A PATIENT user may read their own record only, and never write it.</li>
 * <li>INTEGRATION accounts may write (feeds), not read. Every other role is refused: reception, billing and
 * admin staff see demographics and insurance only.</li>
 * <li>In-container actors with no caller (HL7 routes, timers) may do both.</li>
 * </ul>
 * A merged duplicate's MRN is followed to its survivor; the returned {@link Grant} carries the MRN to use.
 * Refusals are audited as DENIED and answered 403 before revealing whether the record exists.
 */
@Component(service = ClinicalAccess.class)
public class ClinicalAccess {

    /** HTTP header (and SOAP parameter) carrying the clinician's reason for breaking the glass. */
    public static final String BREAK_GLASS_HEADER = "Pavilion-Break-Glass-Reason";
    /** Problem type of a refusal that breaking the glass would lift, so a UI can ask for a reason. */
    public static final String BREAK_GLASS_REQUIRED = "break-the-glass-required";
    static final int MIN_REASON_LENGTH = 10;

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public ClinicalAccess(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    /** The caller may read patient {@code mrn}'s clinical record {@code resource}, or a 403/404 is thrown. */
    public Grant read(String mrn, String resource, String breakGlassReason) {
        return check(mrn, resource, breakGlassReason, false);
    }

    /** The caller may write patient {@code mrn}'s clinical record {@code resource}, or a 403/404 is thrown. */
    public Grant write(String mrn, String resource, String breakGlassReason) {
        return check(mrn, resource, breakGlassReason, true);
    }

    private Grant check(String requestedMrn, String resource, String breakGlassReason, boolean write) {
        String action = write ? "UPDATE" : "READ";
        Caller caller = CallerContext.current().orElse(null);
        String reason = breakGlassReason == null || breakGlassReason.isBlank() ? null : breakGlassReason.strip();
        boolean clinician = caller == null
                || caller.hasPrivilege(write ? "emr.record.clinical.edit" : "emr.record.clinical.view");
        if (caller != null && !clinician) {
            boolean ownRead = !write && caller.hasPrivilege("emr.record.view-own") && caller.patientId().isPresent();
            boolean feedWrite = write && caller.hasPrivilege("emr.record.feed-write");
            if (!ownRead && !feedWrite) {
                throw deny(requestedMrn, action, resource, write && caller.patientId().isPresent()
                        ? "patients cannot change their clinical record"
                        : "the clinical record is for clinicians; this role sees demographics only");
            }
        }
        if (!Mrn.isValid(requestedMrn)) {
            throw ProblemException.validation("'" + requestedMrn + "' is not a valid MRN (10 or more digits, the "
                    + "last two being ISO 7064 MOD 97-10 check digits): check for a typing error");
        }
        if (reason != null && reason.length() < MIN_REASON_LENGTH) {
            throw ProblemException.validation("A break-the-glass reason must say why, in at least "
                    + MIN_REASON_LENGTH + " characters");
        }
        if (reason != null && caller != null && !caller.hasPrivilege("emr.record.break-glass")) {
            throw deny(requestedMrn, action, resource, "only clinicians may break the glass");
        }
        Target target = resolve(requestedMrn);
        boolean patientCaller = caller != null && !clinician && caller.hasPrivilege("emr.record.view-own")
                && caller.patientId().isPresent();
        if (patientCaller) {
            // The account's own MRN may itself have been merged; compare survivors, never raw ids.
            Target own = resolve(caller.patientId().get());
            if (target == null || own == null || !own.mrn.equals(target.mrn)) {
                throw deny(requestedMrn, action, resource, "not the caller's own record");
            }
        }
        if (target == null) {
            audit.record(AuditEvent.of(action, resource).resourceId(requestedMrn).patientId(requestedMrn)
                    .outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", requestedMrn);
        }
        boolean emergency = false;
        if (target.restricted && !patientCaller && caller != null && !caller.hasPrivilege("emr.record.feed-write")) {
            if (reason == null) {
                audit.record(AuditEvent.of(action, resource).resourceId(target.mrn).patientId(target.mrn)
                        .outcome(AuditOutcome.DENIED).detail("restricted record, no break-the-glass reason").build());
                throw new ProblemException(403, BREAK_GLASS_REQUIRED, "Restricted record",
                        "This record is restricted. In an emergency, send the " + BREAK_GLASS_HEADER
                                + " header with your reason; the access is flagged in the audit trail.");
            }
            emergency = true;
        } else if (reason != null && clinician) {
            emergency = true; // a clinician who states a reason is flagged even where it was not needed
        }
        return new Grant(target.mrn, resource, emergency, emergency ? reason : null);
    }

    private ProblemException deny(String mrn, String action, String resource, String why) {
        audit.record(AuditEvent.of(action, resource).resourceId(mrn).patientId(mrn).outcome(AuditOutcome.DENIED)
                .detail(why).build());
        return ProblemException.forbidden("You may not " + (action.equals("READ") ? "see" : "change")
                + " this clinical record: " + why);
    }

    /** The patient {@code mrn} names, following merges to the survivor; null when there is none. */
    private Target resolve(String mrn) {
        return jpa.call(em -> {
            PatientEntity p = em.find(PatientEntity.class, mrn);
            if (p == null) {
                return null;
            }
            PatientEntity survivor = PatientService.survivor(em, p);
            return new Target(survivor.getMrn(), survivor.isRestricted());
        });
    }

    private record Target(String mrn, boolean restricted) {
    }

    /**
     * Permission to touch one patient's record: the MRN to use (the survivor, if the requested one was merged)
     * and whether it was emergency access. Build the success audit record from {@link #audit(String)}.
     */
    public static final class Grant {
        public final String mrn;
        public final String resource;
        public final boolean emergency;
        public final String breakGlassReason;

        Grant(String mrn, String resource, boolean emergency, String breakGlassReason) {
            this.mrn = mrn;
            this.resource = resource;
            this.emergency = emergency;
            this.breakGlassReason = breakGlassReason;
        }

        /** An audit record for {@code action} on this patient, flagged and explained when it was emergency access. */
        public AuditEvent.Builder audit(String action) {
            AuditEvent.Builder b = AuditEvent.of(action, resource).patientId(mrn).emergencyAccess(emergency);
            return emergency ? b.detail("break-the-glass: " + breakGlassReason) : b;
        }
    }
}
