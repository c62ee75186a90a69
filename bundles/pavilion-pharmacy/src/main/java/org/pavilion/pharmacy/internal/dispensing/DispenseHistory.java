package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.access.PatientGate;

/**
 * A patient's dispensed medicines, newest first: staff read any patient's through the gate's {@code dispensing}
 * part, a patient's portal account only its own (following merges). Every read is audited against the patient.
 */
@Component(service = DispenseHistory.class)
public class DispenseHistory {

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public DispenseHistory(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(emf, audit, null);
    }

    /** For tests: {@code gate} null for the department's own rule. */
    public DispenseHistory(EntityManagerFactory emf, AuditService audit, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.gate = gate;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** GET /patients/{mrn}/dispenses. */
    public Page<Views.Dispense> of(String mrn, int page, int size) {
        Page.validate(page, size);
        if (mrn == null || mrn.isBlank()) {
            throw ProblemException.validation("a patient MRN is required");
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), mrn.strip(), false, "SEARCH", Dispensing.RESOURCE);
        Page<Views.Dispense> answer = jpa.call(em -> {
            List<DispenseEntity> rows = em.createQuery("SELECT d FROM DispenseEntity d WHERE d.patientId = :mrn"
                            + " ORDER BY d.dispensedMs DESC, d.id", DispenseEntity.class)
                    .setParameter("mrn", allowed.mrn()).setFirstResult(page * size).setMaxResults(size)
                    .getResultList();
            return Page.of(new DispenseViews(em).dispenses(rows), page, size, () -> em.createQuery(
                    "SELECT COUNT(d) FROM DispenseEntity d WHERE d.patientId = :mrn", Long.class)
                    .setParameter("mrn", allowed.mrn()).getSingleResult());
        });
        audit.record(allowed.audit().detail("dispensed medicines page " + page + ": " + answer.getItems().size()
                + " of " + answer.getTotal()).build());
        return answer;
    }

    /** GET /portal/dispenses: the caller's own record, for a patient's account only (it names no patient). */
    public Page<Views.Dispense> own(int page, int size) {
        String mrn = PatientGate.ownPatient().orElseThrow(() -> {
            String reason = "only a patient's own account has dispensed medicines of its own";
            audit.record(AuditEvent.of("SEARCH", Dispensing.RESOURCE).outcome(AuditOutcome.DENIED).detail(reason)
                    .build());
            return ProblemException.forbidden(reason);
        });
        return of(mrn, page, size);
    }
}
