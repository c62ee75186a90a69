package org.pavilion.billing.internal.access;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * Billing as its own part of the patient's data, decided by the EMR's PatientAccess (docs/patient-access.md). Not
 * clinical: billing staff see charged items, never the record. A component of its own with a mandatory reference, so
 * it exists only while the EMR does and the rest of the bundle never loads an EMR class (the import is optional).
 */
@Component(service = PatientGate.class)
public class EmrPatientGate implements PatientGate {

    static final DataPart BILLING = DataPart.declaredBy("billing", VIEW, WRITE, VIEW_OWN, false);

    private final PatientAccess access;
    private final AuditService audit;

    @Activate
    public EmrPatientGate(@Reference PatientAccess access, @Reference AuditService audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Allowed check(String patientId, boolean write, String auditAction, String resourceType) {
        AccessDecision d = access.decide(patientId, BILLING,
                write ? PatientAccess.Action.WRITE : PatientAccess.Action.READ, null);
        if (d.outcome() == AccessDecision.Outcome.ALLOWED) {
            return new Allowed(d.mrn(), d.auditEvent(auditAction, resourceType));
        }
        audit.record(d.auditEvent(auditAction, resourceType).build());
        throw switch (d.outcome()) {
            case NOT_FOUND -> ProblemException.notFound("Patient", patientId);
            case INVALID -> ProblemException.validation(d.reason());
            default -> ProblemException.forbidden(d.reason());
        };
    }
}
