package org.pavilion.scheduling.internal.access;

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
 * The scheduling department's appointments as a part of the patient's data, decided by the EMR's PatientAccess; a
 * patient the EMR does not know is 404, an id that is no MRN 400. A
 * component of its own with a mandatory reference: it exists only while the EMR does, and the rest of the bundle
 * never loads an EMR class (the import is optional).
 */
@Component(service = PatientGate.class)
public class EmrPatientGate implements PatientGate {

    private final PatientAccess access;
    private final AuditService audit;
    private final Map<String, DataPart> parts = new ConcurrentHashMap<>();

    /**
     * What a patient account opens: its own appointments only. The any-patient privileges are staff's, which no
     * patient holds; were they the endpoint's {@code OWN}, every patient would reach every patient's appointments.
     */
    static final DataPart OWN_PART = DataPart.declaredBy("appointments", "scheduling.appointment.view",
            "scheduling.appointment.book", OWN, false);

    @Activate
    public EmrPatientGate(@Reference PatientAccess access, @Reference AuditService audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Allowed check(String patientId, String privilege, boolean write, String auditAction) {
        boolean patientAccount = CallerContext.current().flatMap(c -> c.patientId()).isPresent();
        // Staff: the endpoint's privilege opens any patient's appointments, for reading or for the action it names.
        // A patient account: its own, which the EMR answers as a read of its own record.
        DataPart part = patientAccount ? OWN_PART
                : parts.computeIfAbsent(privilege, p -> DataPart.declaredBy("appointments", p, p, OWN, false));
        AccessDecision d = access.decide(patientId, part,
                write && !patientAccount ? PatientAccess.Action.WRITE : PatientAccess.Action.READ);
        return switch (d.outcome()) {
            case ALLOWED -> new Allowed(d.mrn(), d.auditEvent(auditAction, "appointment"));
            // With the EMR installed, appointments are for patients it knows (register first, as at any desk).
            case NOT_FOUND -> {
                audit.record(d.auditEvent(auditAction, "appointment").build());
                throw ProblemException.notFound("Patient", patientId);
            }
            case INVALID -> {
                audit.record(d.auditEvent(auditAction, "appointment").build());
                throw ProblemException.validation(d.reason());
            }
            case DENIED, BREAK_GLASS_REQUIRED -> {
                audit.record(d.auditEvent(auditAction, "appointment").build());
                throw ProblemException.forbidden(d.reason());
            }
        };
    }
}
