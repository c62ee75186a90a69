package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;

import java.math.BigDecimal;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * The queue's doors: the EMR's prescriptions (through {@link PrescriptionEvents}) and an outside prescribing
 * system's (the HL7 RDE^O11 handler, in its own transaction). Both are idempotent on the prescription id: a
 * redelivered event or a resent message changes nothing. A stop keeps what was dispensed and closes the rest.
 */
@Component(service = {PrescriptionIntake.class, PrescriptionIntakeService.class})
public class PrescriptionIntakeService implements PrescriptionIntake {

    static final String RESOURCE = "ph-prescription";

    /** A prescription as the EMR issued it ({@code PrescriptionIssued}, read without the EMR's classes). */
    public record Issued(String id, String patientId, String encounterId, String drug, String drugCode, String dose,
            String route, String frequency, Integer durationDays, String instructions, String prescriber,
            long issuedMs) {
    }

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public PrescriptionIntakeService(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(new JpaTransactions(emf), audit);
    }

    PrescriptionIntakeService(JpaTransactions jpa, AuditService audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    /** Queues an EMR prescription unless it is there already; true when queued now. */
    public boolean issued(Issued p, long nowMs) {
        require(p.id(), "prescriptionId");
        require(p.patientId(), "mrn");
        require(p.drug(), "drug");
        PrescriptionEntity queued;
        try {
            queued = jpa.callAudited(audit, em -> {
                PrescriptionEntity q = em.find(PrescriptionEntity.class, p.id()) != null ? null
                        : persist(em, p.id(), "EMR", p.patientId(), p.encounterId(), p.drug(),
                                ItemMatching.match(em, p.drugCode(), p.drug()), p.dose(), p.route(), p.frequency(),
                                p.durationDays(), p.instructions(), null, p.prescriber(), p.issuedMs(), nowMs, null,
                                null);
                return new Done<>(q, q == null ? List.<AuditEvent>of() : List.of(created(q, "the EMR")));
            });
        } catch (PersistenceException e) {
            // the same event delivered twice at once: the other delivery queued it
            if (jpa.call(em -> em.find(PrescriptionEntity.class, p.id())) != null) {
                return false;
            }
            throw e;
        }
        return queued != null;
    }

    /**
     * Stops an EMR prescription: an open one becomes STOPPED (what was dispensed stays, nothing more is); one fully
     * dispensed keeps its status and records the stop. False when the pharmacy does not know the prescription.
     */
    public boolean stopped(String id, long stoppedMs, String stoppedBy) {
        PrescriptionEntity stopped = jpa.callAudited(audit, em -> {
            PrescriptionEntity p = em.find(PrescriptionEntity.class, id);
            if (p == null || p.getStoppedMs() != null) {
                return new Done<>(p, List.of()); // unknown, or the stop was recorded already
            }
            if (PrescriptionStatus.open(p.getStatus())) {
                p.setStatus(PrescriptionStatus.STOPPED.name());
            }
            p.setStoppedMs(stoppedMs);
            p.setStoppedBy(stoppedBy);
            return Done.of(p, AuditEvent.of("UPDATE", RESOURCE).resourceId(id).patientId(p.getPatientId())
                    .detail("stopped by " + stoppedBy + "; status " + p.getStatus()).build());
        });
        return stopped != null;
    }

    @Override
    public boolean accept(EntityManager em, Incoming p, String actor) {
        require(p.id(), "the prescription id");
        require(p.patientId(), "the patient");
        require(p.drug(), "the drug");
        if (p.quantity() != null && p.quantity().signum() <= 0) {
            throw PharmacyProblems.unprocessable("the quantity prescribed must be positive (was " + p.quantity() + ")");
        }
        if (em.find(PrescriptionEntity.class, p.id()) != null) {
            return false;
        }
        long now = System.currentTimeMillis();
        persist(em, p.id(), "HL7", p.patientId(), p.encounterId(), p.drug(),
                ItemMatching.match(em, p.itemCode(), p.drug()), p.dose(), p.route(), p.frequency(), p.durationDays(),
                p.instructions(), p.quantity(), p.prescriber(), p.issuedMs() > 0 ? p.issuedMs() : now, now,
                p.placerApplication(), p.placerOrderNumber());
        // No audit record here: the caller writes it in its own transaction (see PrescriptionIntake).
        return true;
    }

    @Override
    public boolean cancel(EntityManager em, String id, String actor) {
        PrescriptionEntity p = em.find(PrescriptionEntity.class, id);
        if (p == null) {
            return false;
        }
        if (p.getQuantityDispensed().signum() > 0) {
            throw ProblemException.conflict("prescription " + id + " cannot be cancelled: "
                    + p.getQuantityDispensed().stripTrailingZeros().toPlainString() + " was dispensed already");
        }
        if (!PrescriptionStatus.CANCELLED.name().equals(p.getStatus())) {
            p.setStatus(PrescriptionStatus.CANCELLED.name());
            p.setStoppedMs(System.currentTimeMillis());
            p.setStoppedBy(actor);
        }
        return true;
    }

    private static PrescriptionEntity persist(EntityManager em, String id, String source, String patientId,
            String encounterId, String drug, String itemCode, String dose, String route, String frequency,
            Integer durationDays, String instructions, BigDecimal quantity, String prescriber, long issuedMs,
            long receivedMs, String placerApplication, String placerOrderNumber) {
        PrescriptionEntity p = new PrescriptionEntity();
        p.setId(id);
        p.setSource(source);
        p.setPatientId(patientId);
        p.setEncounterId(encounterId);
        p.setDrug(drug.strip());
        p.setItemCode(itemCode);
        p.setDose(dose);
        p.setRoute(route);
        p.setFrequency(frequency);
        p.setDurationDays(durationDays != null && durationDays > 0 ? durationDays : null);
        p.setInstructions(instructions);
        p.setQuantityPrescribed(quantity);
        p.setQuantityDispensed(BigDecimal.ZERO);
        p.setStatus(PrescriptionStatus.PENDING.name());
        p.setPrescriber(prescriber);
        p.setIssuedMs(issuedMs);
        p.setReceivedMs(receivedMs);
        p.setPlacerApplication(placerApplication);
        p.setPlacerOrderNumber(placerOrderNumber);
        em.persist(p);
        return p;
    }

    private static AuditEvent created(PrescriptionEntity p, String from) {
        return AuditEvent.of("CREATE", RESOURCE).resourceId(p.getId()).patientId(p.getPatientId())
                .detail("queued from " + p.getSource() + " (" + from + "): " + p.getDrug()
                        + (p.getItemCode() == null ? " (not matched)" : " as " + p.getItemCode())).build();
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw PharmacyProblems.unprocessable(what + " is required");
        }
    }
}
