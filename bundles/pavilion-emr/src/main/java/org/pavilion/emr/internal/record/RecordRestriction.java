package org.pavilion.emr.internal.record;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;

/**
 * Marks a record restricted (VIP, staff, sensitive) or not; a restricted record's clinical parts then need the
 * glass broken (ClinicalAccess). Restricting needs no reason and is audited as UPDATE patient-restriction. Lifting
 * a restriction opens the record to every clinician, so it is emergency access like breaking the glass: it needs a
 * reason of the same minimum length (422 without) and is audited RESTRICTION_LIFTED, flagged emergency, with the
 * reason. Otherwise "lift, read, restrict again" would leave no emergency trace. The change and its audit record
 * commit in one transaction.
 */
@Component(service = RecordRestriction.class)
public class RecordRestriction {

    static final String RESOURCE = "patient-restriction";
    public static final String LIFTED = "RESTRICTION_LIFTED";

    private final EntityManagerFactory emf;
    private final AuditService audit;

    @Activate
    public RecordRestriction(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.emf = emf;
        this.audit = audit;
    }

    /** Restricts (no reason needed) or lifts the restriction (reason required); answers the new state. */
    public boolean restrict(String mrn, Boolean restricted, String reason) {
        if (!Mrn.isValid(mrn)) {
            throw ProblemException.validation("'" + mrn + "' is not a valid MRN: check for a typing error");
        }
        if (restricted == null) {
            throw ProblemException.validation("restricted (true or false) is required");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (!restricted && (why == null || why.length() < ClinicalAccess.MIN_REASON_LENGTH)) {
            throw ProblemException.unprocessable("Lifting a restriction opens the record to every clinician: give "
                    + "the reason, in at least " + ClinicalAccess.MIN_REASON_LENGTH + " characters (it is "
                    + "audited as emergency access)");
        }
        boolean found = AuditedTransaction.run(emf, audit, em -> {
            PatientEntity p = em.find(PatientEntity.class, mrn);
            if (p == null) {
                return new AuditedTransaction.Done<>(false, List.of());
            }
            p = PatientService.survivor(em, p);
            boolean was = p.isRestricted();
            p.setRestricted(restricted);
            AuditEvent record = restricted
                    ? AuditEvent.of("UPDATE", RESOURCE).resourceId(p.getMrn()).patientId(p.getMrn())
                            .detail("restricted=true" + (why == null ? "" : "; reason: " + why)).build()
                    : AuditEvent.of(LIFTED, RESOURCE).resourceId(p.getMrn()).patientId(p.getMrn())
                            .emergencyAccess(true)
                            .detail("break-the-glass: " + why + (was ? "" : " (was not restricted)")).build();
            return AuditedTransaction.Done.of(true, record);
        });
        if (!found) {
            audit.record(AuditEvent.of(restricted ? "UPDATE" : LIFTED, RESOURCE).resourceId(mrn).patientId(mrn)
                    .outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        return restricted;
    }
}
