package org.pavilion.lab.internal.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * The laboratory's data as a clinical part of the patient's record, decided by the EMR's PatientAccess. A component
 * of its own with a mandatory reference: it exists only while the EMR does, and the rest of the bundle never loads
 * an EMR class (the import is optional). Components take it as an optional, dynamic {@link PatientGate} and fall
 * back to {@link PatientGate#withoutEmr}.
 */
@Component(service = PatientGate.class)
public class EmrPatientGate implements PatientGate {

    /** What a patient account opens: its own released results only. */
    static final DataPart OWN_PART = DataPart.declaredBy("lab", "lab.result.view", "lab.order.place", OWN, true);

    private final PatientAccess access;
    private final AuditService audit;
    private final Map<String, DataPart> parts = new ConcurrentHashMap<>();

    @Activate
    public EmrPatientGate(@Reference PatientAccess access, @Reference AuditService audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Allowed check(String patientId, String privilege, boolean write, String auditAction, String resourceType,
            String breakGlassReason) {
        boolean patientAccount = CallerContext.current().flatMap(c -> c.patientId()).isPresent();
        // Staff: the endpoint's privilege opens any patient's lab data for the action it names; it is clinical, so a
        // restricted record needs break-the-glass. A patient account: its own, read.
        DataPart part = patientAccount ? OWN_PART
                : parts.computeIfAbsent(privilege, p -> DataPart.declaredBy("lab", p, p, OWN, true));
        AccessDecision d = access.decide(patientId, part,
                write && !patientAccount ? PatientAccess.Action.WRITE : PatientAccess.Action.READ, breakGlassReason);
        return switch (d.outcome()) {
            case ALLOWED -> new Allowed(d.mrn(), d.auditEvent(auditAction, resourceType));
            case NOT_FOUND -> {
                audit.record(d.auditEvent(auditAction, resourceType).build());
                throw ProblemException.notFound("Patient", patientId);
            }
            case INVALID -> {
                audit.record(d.auditEvent(auditAction, resourceType).build());
                throw ProblemException.validation(d.reason());
            }
            case DENIED, BREAK_GLASS_REQUIRED -> {
                audit.record(d.auditEvent(auditAction, resourceType).build());
                throw ProblemException.forbidden(d.reason());
            }
        };
    }
}
