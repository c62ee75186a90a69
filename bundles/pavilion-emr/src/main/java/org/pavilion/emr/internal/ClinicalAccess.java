package org.pavilion.emr.internal;

import java.util.Objects;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * The EMR's {@link PatientAccess}: the one rule set for every part of a patient's data, used by the EMR's own
 * services and offered to every department. For the clinical record ({@link DataPart#CLINICAL_RECORD}: encounters,
 * problems, allergies, observations, notes, prescriptions) and documents ({@link DataPart#DOCUMENTS}) it says who
 * may read or write them. Every clinical service asks here first, with the MRN from the request:
 * <ul>
 * <li>DOCTOR and NURSE may; on a restricted record (VIP, staff member, sensitive) only by breaking the glass
 * with a reason, which the audit trail flags as emergency access.</li>
 * <li>A PATIENT user may read their own record only, and never write it.</li>
 * <li>Feeds ({@code emr.record.feed-write}, INTEGRATION) may write the EMR's own clinical parts, not read them,
 * and never a department's part. Every other role is refused: reception, billing and admin staff see demographics
 * and insurance only.</li>
 * <li>In-container actors with no caller (HL7 routes, timers) may do both.</li>
 * </ul>
 * A merged duplicate's MRN is followed to its survivor; the returned {@link Grant} carries the MRN to use.
 * Refusals are audited as DENIED and answered 403 before revealing whether the record exists.
 */
@Component(service = { ClinicalAccess.class, PatientAccess.class })
public class ClinicalAccess implements PatientAccess {

    /** HTTP header (and SOAP parameter) carrying the clinician's reason for breaking the glass. */
    public static final String BREAK_GLASS_HEADER = "Pavilion-Break-Glass-Reason";
    /** Problem type of a refusal that breaking the glass would lift, so a UI can ask for a reason. */
    public static final String BREAK_GLASS_REQUIRED = "break-the-glass-required";
    /** The shortest reason accepted for breaking the glass (and lifting a restriction, exporting another's record). */
    public static final int MIN_REASON_LENGTH = 10;
    static final String FEED_WRITE = "emr.record.feed-write";
    /** The privilege to break the glass (clinicians). */
    public static final String BREAK_GLASS = "emr.record.break-glass";
    /**
     * The parts {@link #FEED_WRITE} opens: what the EMR owns and its ADT mapping writes (encounters, allergies,
     * diagnoses, notes, documents). Demographics are written by the EMR's own ADT handler, not through here.
     */
    static final Set<DataPart> FEED_PARTS = Set.of(DataPart.CLINICAL_RECORD, DataPart.DOCUMENTS);

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
        return read(mrn, DataPart.CLINICAL_RECORD, resource, breakGlassReason);
    }

    /** The caller may write patient {@code mrn}'s clinical record {@code resource}, or a 403/404 is thrown. */
    public Grant write(String mrn, String resource, String breakGlassReason) {
        return write(mrn, DataPart.CLINICAL_RECORD, resource, breakGlassReason);
    }

    /** The caller may read {@code resource} of patient {@code mrn}'s {@code part}, or a 403/404 is thrown. */
    public Grant read(String mrn, DataPart part, String resource, String breakGlassReason) {
        return enforce(decide(mrn, part, Action.READ, breakGlassReason), resource);
    }

    /** The caller may write {@code resource} of patient {@code mrn}'s {@code part}, or a 403/404 is thrown. */
    public Grant write(String mrn, DataPart part, String resource, String breakGlassReason) {
        return enforce(decide(mrn, part, Action.WRITE, breakGlassReason), resource);
    }

    /** Turns a decision into the EMR's answer: refusals audited and thrown, a grant otherwise. */
    private Grant enforce(AccessDecision d, String resource) {
        String action = d.action() == Action.WRITE ? "UPDATE" : "READ";
        switch (d.outcome()) {
            case ALLOWED:
                return new Grant(d.mrn(), resource, d.emergency(), d.breakGlassReason());
            case INVALID:
                throw ProblemException.validation(d.reason());
            case NOT_FOUND:
                audit.record(d.auditEvent(action, resource).detail("no such patient").build());
                throw ProblemException.notFound("Patient", d.requestedMrn());
            case BREAK_GLASS_REQUIRED:
                audit.record(d.auditEvent(action, resource).resourceId(d.mrn()).build());
                throw new ProblemException(403, BREAK_GLASS_REQUIRED, "Restricted record",
                        "This record is restricted. In an emergency, send the " + BREAK_GLASS_HEADER
                                + " header with your reason; the access is flagged in the audit trail.");
            default:
                audit.record(d.auditEvent(action, resource).build());
                String what = d.part().equals(DataPart.CLINICAL_RECORD) ? "this clinical record"
                        : "this patient's " + d.part().name().replace('-', ' ');
                throw ProblemException.forbidden("You may not " + (action.equals("READ") ? "see" : "change")
                        + " " + what + ": " + d.reason());
        }
    }

    /**
     * The rules, in an order that never tells a refused caller whether the patient exists: the caller's
     * privileges for the part first, then the request's form, then the patient (own record, existence,
     * restriction).
     */
    @Override
    public AccessDecision decide(String requestedMrn, DataPart part, Action action, String breakGlassReason) {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(action, "action");
        boolean write = action == Action.WRITE;
        Caller caller = CallerContext.current().orElse(null);
        String reason = breakGlassReason == null || breakGlassReason.isBlank() ? null : breakGlassReason.strip();
        Decisions d = new Decisions(requestedMrn, part, action);
        boolean staff = caller == null || caller.hasPrivilege(write ? part.anyPatientWrite() : part.anyPatient());
        // A feed writes into the EMR's own clinical parts of any record, restricted ones included, without being
        // a clinician; never reads, and never a department's part (that department's privileges decide).
        boolean feedWrite = write && caller != null && FEED_PARTS.contains(part) && caller.hasPrivilege(FEED_WRITE);
        boolean ownReader = caller != null && !staff && part.ownPatient() != null
                && caller.hasPrivilege(part.ownPatient()) && caller.patientId().isPresent();
        if (!staff && !feedWrite && !(ownReader && !write)) {
            return d.denied(write && caller.patientId().isPresent()
                    ? "patients cannot change their " + part.name().replace('-', ' ')
                    : write && caller.hasPrivilege(FEED_WRITE) ? "a feed writes the EMR's clinical record only, not "
                            + "the " + part.name()
                    : part.clinical() ? "the clinical record is for clinicians; this role sees demographics only"
                            : "this role may not " + (write ? "change" : "see") + " the " + part.name());
        }
        boolean patientCaller = ownReader && !write;
        if (!Mrn.isValid(requestedMrn)) {
            return d.invalid("'" + requestedMrn + "' is not a valid MRN (10 or more digits, the "
                    + "last two being ISO 7064 MOD 97-10 check digits): check for a typing error");
        }
        if (reason != null && reason.length() < MIN_REASON_LENGTH) {
            return d.invalid("A break-the-glass reason must say why, in at least " + MIN_REASON_LENGTH
                    + " characters");
        }
        if (reason != null && caller != null && !caller.hasPrivilege(BREAK_GLASS)) {
            return d.denied("only clinicians may break the glass");
        }
        Target target = resolve(requestedMrn);
        if (patientCaller) {
            // The account's own MRN may itself have been merged; compare survivors, never raw ids.
            Target own = resolve(caller.patientId().get());
            if (target == null || own == null || !own.mrn.equals(target.mrn)) {
                return d.denied("not the caller's own record");
            }
        }
        if (target == null) {
            return d.notFound();
        }
        if (part.clinical() && target.restricted && !patientCaller && !feedWrite && caller != null) {
            if (reason == null) {
                return d.breakGlassRequired(target.mrn);
            }
            return d.allowed(target.mrn, reason);
        }
        // A clinician who states a reason is flagged even where it was not needed.
        boolean flagged = reason != null && staff && part.clinical();
        return d.allowed(target.mrn, flagged ? reason : null);
    }

    /** Builds the decisions of one request. */
    private record Decisions(String requestedMrn, DataPart part, Action action) {
        AccessDecision denied(String why) {
            return new AccessDecision(Outcome.DENIED, why, requestedMrn, null, part, action, false, null);
        }

        AccessDecision invalid(String why) {
            return new AccessDecision(Outcome.INVALID, why, requestedMrn, null, part, action, false, null);
        }

        AccessDecision notFound() {
            return new AccessDecision(Outcome.NOT_FOUND, "no such patient", requestedMrn, null, part, action,
                    false, null);
        }

        AccessDecision breakGlassRequired(String mrn) {
            return new AccessDecision(Outcome.BREAK_GLASS_REQUIRED, "restricted record, no break-the-glass reason",
                    requestedMrn, mrn, part, action, false, null);
        }

        AccessDecision allowed(String mrn, String breakGlassReason) {
            return new AccessDecision(Outcome.ALLOWED, null, requestedMrn, mrn, part, action,
                    breakGlassReason != null, breakGlassReason);
        }
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
