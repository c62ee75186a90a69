package org.pavilion.emr.internal.record;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.PatientEntity;

/**
 * Marks a record restricted (VIP, staff, sensitive) or not; a restricted record's clinical parts then need the
 * glass broken (ClinicalAccess). Not a clinical write: the endpoint's privilege decides who may, and a doctor does
 * not need to break the glass for it. Audited as UPDATE patient-restriction.
 */
@Component(service = RecordRestriction.class)
public class RecordRestriction {

    private final RecordWork work;

    @Activate
    public RecordRestriction(@Reference RecordWork work) {
        this.work = work;
    }

    public boolean restrict(String mrn, Boolean restricted) {
        if (!Mrn.isValid(mrn)) {
            throw ProblemException.validation("'" + mrn + "' is not a valid MRN: check for a typing error");
        }
        if (restricted == null) {
            throw ProblemException.validation("restricted (true or false) is required");
        }
        boolean found = work.inTransaction(em -> {
            PatientEntity p = em.find(PatientEntity.class, mrn);
            if (p == null) {
                return false;
            }
            p.setRestricted(restricted);
            return true;
        });
        AuditEvent.Builder b = AuditEvent.of("UPDATE", "patient-restriction").resourceId(mrn).patientId(mrn);
        if (!found) {
            work.record(b.outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        work.record(b.detail("restricted=" + restricted).build());
        return restricted;
    }
}
