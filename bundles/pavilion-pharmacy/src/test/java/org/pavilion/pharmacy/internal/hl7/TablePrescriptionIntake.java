package org.pavilion.pharmacy.internal.hl7;

import java.math.BigDecimal;

import javax.persistence.EntityManager;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionIntake;

/**
 * The dispensing queue's intake as its contract says, over the real {@code ph_prescription} table: what the HL7
 * tests need while the dispensing part (another part of the department) is built alongside.
 */
final class TablePrescriptionIntake implements PrescriptionIntake {

    @Override
    public boolean accept(EntityManager em, Incoming p, String actor) {
        if (p.patientId() == null || p.drug() == null) {
            throw PharmacyProblems.unprocessable("a prescription needs a patient and a drug");
        }
        if (em.find(PrescriptionEntity.class, p.id()) != null) {
            return false;
        }
        PrescriptionEntity e = new PrescriptionEntity();
        e.setId(p.id());
        e.setSource("HL7");
        e.setPatientId(p.patientId());
        e.setEncounterId(p.encounterId());
        e.setDrug(p.drug());
        e.setItemCode(p.itemCode());
        e.setDose(p.dose());
        e.setRoute(p.route());
        e.setFrequency(p.frequency());
        e.setDurationDays(p.durationDays());
        e.setInstructions(p.instructions());
        e.setQuantityPrescribed(p.quantity());
        e.setQuantityDispensed(BigDecimal.ZERO);
        e.setStatus("PENDING");
        e.setPrescriber(p.prescriber());
        e.setIssuedMs(p.issuedMs());
        e.setReceivedMs(System.currentTimeMillis());
        e.setPlacerApplication(p.placerApplication());
        e.setPlacerOrderNumber(p.placerOrderNumber());
        em.persist(e);
        return true;
    }

    @Override
    public boolean cancel(EntityManager em, String id, String actor) {
        PrescriptionEntity e = em.find(PrescriptionEntity.class, id);
        if (e == null) {
            return false;
        }
        if (e.getQuantityDispensed().signum() > 0) {
            throw ProblemException.conflict("prescription " + id + " has been dispensed from: it cannot be cancelled");
        }
        if (!"CANCELLED".equals(e.getStatus())) {
            e.setStatus("CANCELLED");
            e.setStoppedMs(System.currentTimeMillis());
            e.setStoppedBy(actor);
        }
        return true;
    }
}
