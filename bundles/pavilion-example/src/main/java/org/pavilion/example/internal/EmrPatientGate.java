package org.pavilion.example.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * The visitor log asks the EMR's PatientAccess, so it applies the rules every department applies (a patient's own
 * account sees only its own record, following merges). It is a component of its own with a mandatory reference: it
 * exists only while the EMR does, and the rest of the bundle never loads an EMR class (the import is optional).
 */
@Component(service = PatientGate.class)
public class EmrPatientGate implements PatientGate {

    private final PatientAccess access;
    private final AuditService audit;
    /** The visitor log as a part of the patient's data, per privilege that opens it (REST's, SOAP's). */
    private final Map<String, DataPart> parts = new ConcurrentHashMap<>();

    @Activate
    public EmrPatientGate(@Reference PatientAccess access, @Reference AuditService audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Allowed read(String patientId, String viewPrivilege, String auditAction) {
        DataPart part = parts.computeIfAbsent(viewPrivilege, p -> DataPart.declaredBy("visitor-log", p,
                "example.visit.check-in", null, false));
        AccessDecision d = access.decide(patientId, part, PatientAccess.Action.READ);
        return switch (d.outcome()) {
            case ALLOWED -> new Allowed(d.mrn(), d.auditEvent(auditAction, "visit"));
            // The log also holds visits of people the EMR does not know (the desk types the patient): its own rule.
            case NOT_FOUND, INVALID -> PatientGate.staffOnly(audit, patientId, auditAction);
            case DENIED, BREAK_GLASS_REQUIRED -> {
                audit.record(d.auditEvent(auditAction, "visit").build());
                throw ProblemException.forbidden(d.reason());
            }
        };
    }
}
