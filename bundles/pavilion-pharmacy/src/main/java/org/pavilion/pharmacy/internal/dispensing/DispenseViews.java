package org.pavilion.pharmacy.internal.dispensing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/** Entities to answers, with item names and each dispense's batches looked up once per request. */
final class DispenseViews {

    private final EntityManager em;
    private final Map<String, ItemEntity> items = new HashMap<>();

    DispenseViews(EntityManager em) {
        this.em = em;
    }

    ItemEntity item(String code) {
        return code == null ? null : items.computeIfAbsent(code, c -> em.find(ItemEntity.class, c));
    }

    Views.Prescription prescription(PrescriptionEntity p) {
        Views.Prescription v = new Views.Prescription();
        v.id = p.getId();
        v.source = p.getSource();
        v.patientId = p.getPatientId();
        v.encounterId = p.getEncounterId();
        v.drug = p.getDrug();
        v.itemCode = p.getItemCode();
        ItemEntity item = item(p.getItemCode());
        v.itemName = item == null ? null : item.getName();
        v.dose = p.getDose();
        v.route = p.getRoute();
        v.frequency = p.getFrequency();
        v.durationDays = p.getDurationDays();
        v.instructions = p.getInstructions();
        v.quantityPrescribed = Views.plain(p.getQuantityPrescribed());
        v.quantityDispensed = Views.plain(p.getQuantityDispensed());
        v.status = p.getStatus();
        v.prescriber = p.getPrescriber();
        v.issuedAt = Views.instant(p.getIssuedMs());
        v.stoppedAt = Views.instant(p.getStoppedMs());
        v.version = p.getVersion();
        return v;
    }

    List<Views.Dispense> dispenses(List<DispenseEntity> rows) {
        Map<String, List<DispenseBatches.Held>> held = DispenseBatches.of(em,
                rows.stream().map(DispenseEntity::getId).toList());
        return rows.stream().map(d -> dispense(d, held.getOrDefault(d.getId(), List.of()))).toList();
    }

    Views.Dispense dispense(DispenseEntity d) {
        return dispenses(List.of(d)).get(0);
    }

    private Views.Dispense dispense(DispenseEntity d, List<DispenseBatches.Held> held) {
        Views.Dispense v = new Views.Dispense();
        v.id = d.getId();
        v.prescriptionId = d.getPrescriptionId();
        v.patientId = d.getPatientId();
        v.storeCode = d.getStoreCode();
        v.itemCode = d.getItemCode();
        ItemEntity item = item(d.getItemCode());
        v.itemName = item == null ? null : item.getName();
        v.unit = item == null ? null : item.getUnitOfIssue();
        v.quantity = Views.plain(d.getQuantity());
        v.quantityReturned = Views.plain(d.getQuantityReturned());
        v.batches = held.stream().filter(h -> h.quantity().signum() > 0).map(h -> {
            Views.Batch b = new Views.Batch();
            b.batchNumber = h.batchNumber();
            b.expiryDate = h.expiryDate();
            b.quantity = Views.plain(h.quantity());
            return b;
        }).toList();
        v.dispensedAt = Views.instant(d.getDispensedMs());
        v.dispensedBy = d.getDispensedBy();
        v.allergyWarning = d.getAllergyWarning();
        v.overrideReason = d.getOverrideReason();
        return v;
    }
}
