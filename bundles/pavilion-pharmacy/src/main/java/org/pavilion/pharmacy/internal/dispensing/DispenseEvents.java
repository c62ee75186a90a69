package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.api.MedicationReturned;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/** The payloads of the dispensing events and their subject key. */
final class DispenseEvents {

    private DispenseEvents() {
    }

    /** {@code ph-prescription:<id>}: a subscriber gets one prescription's dispenses and returns in order. */
    static String subject(String prescriptionId) {
        return "ph-prescription:" + prescriptionId;
    }

    /** One batch taken: number, ISO expiry or null, quantity. */
    record Taken(String batchNumber, String expiryDate, BigDecimal quantity) {
    }

    static MedicationDispensed dispensed(PrescriptionEntity p, DispenseEntity d, ItemEntity item, List<Taken> taken) {
        MedicationDispensed e = new MedicationDispensed();
        e.dispenseId = d.getId();
        e.prescriptionId = p.getId();
        e.source = p.getSource();
        e.patientId = d.getPatientId();
        e.encounterId = p.getEncounterId();
        e.itemCode = item.getCode();
        e.itemName = item.getName();
        e.atcCode = item.getAtcCode();
        e.quantity = Views.plain(d.getQuantity());
        e.unit = item.getUnitOfIssue();
        e.priceReference = item.getPriceReference();
        e.storeCode = d.getStoreCode();
        e.batches = taken.stream().map(t -> {
            MedicationDispensed.BatchQuantity b = new MedicationDispensed.BatchQuantity();
            b.batchNumber = t.batchNumber();
            b.expiryDate = t.expiryDate();
            b.quantity = Views.plain(t.quantity());
            return b;
        }).toList();
        e.complete = PrescriptionStatus.DISPENSED.name().equals(p.getStatus());
        e.allergyOverride = d.getOverrideReason();
        e.dispensedBy = d.getDispensedBy();
        e.dispensedAt = Instant.ofEpochMilli(d.getDispensedMs()).toString();
        return e;
    }

    static MedicationReturned returned(String returnId, DispenseEntity d, ItemEntity item, BigDecimal quantity,
            String reason, String actor, long atMs) {
        MedicationReturned e = new MedicationReturned();
        e.returnId = returnId;
        e.dispenseId = d.getId();
        e.prescriptionId = d.getPrescriptionId();
        e.patientId = d.getPatientId();
        e.itemCode = d.getItemCode();
        e.quantity = Views.plain(quantity);
        e.unit = item.getUnitOfIssue();
        e.priceReference = item.getPriceReference();
        e.storeCode = d.getStoreCode();
        e.reason = reason;
        e.returnedBy = actor;
        e.returnedAt = Instant.ofEpochMilli(atMs).toString();
        return e;
    }
}
