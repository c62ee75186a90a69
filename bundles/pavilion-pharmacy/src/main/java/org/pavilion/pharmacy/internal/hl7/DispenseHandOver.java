package org.pavilion.pharmacy.internal.hl7;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;

/**
 * Hands a {@link MedicationDispensed} to the HL7 feeds while {@code sendDispenses} is on: reads its prescription
 * (placer order number, route, dose) and publishes an {@link RdsDispense} in one transaction with a
 * {@code ph_rds_handover} row, so a redelivered event (the bus delivers at least once) is handed over once. Off,
 * nothing is written and the event counts as delivered: dispenses made while it was off are not sent later.
 */
@Component(service = DispenseHandOver.class, configurationPid = PharmacyConfig.PID)
public class DispenseHandOver {

    static final String PURPOSE = "RDS^O13 to the HL7 feeds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManagerFactory emf;
    private final EventPublisher events;
    private final AuditService audit;
    private volatile boolean send;

    @Activate
    public DispenseHandOver(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference EventPublisher events, @Reference AuditService audit,
            PharmacyConfig config) {
        this(emf, events, audit, config.sendDispenses());
    }

    DispenseHandOver(EntityManagerFactory emf, EventPublisher events, AuditService audit, boolean send) {
        this.emf = emf;
        this.events = events;
        this.audit = audit;
        this.send = send;
    }

    @Modified
    void modified(PharmacyConfig config) {
        send = config.sendDispenses();
    }

    /**
     * One MedicationDispensed as published (its JSON). Returns the RdsDispense's event id, or null when nothing
     * was handed over (sending off, a redacted payload, handed over already).
     */
    public String onDispensed(String payloadJson) throws Exception {
        if (!send) {
            return null;
        }
        JsonNode p;
        try {
            p = JSON.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            // a payload that is no JSON will not become one on retry: the bus would park it anyway
            throw new IllegalArgumentException("MedicationDispensed payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (p == null || !p.isObject() || p.path("redacted").asBoolean(false)) {
            return null; // erased under GDPR: nothing of it leaves the hospital
        }
        String dispenseId = required(p, "dispenseId");
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                if (em.find(RdsHandOverEntity.class, dispenseId) != null) {
                    return null;
                }
                RdsDispense rds = dispense(p, em.find(PrescriptionEntity.class, required(p, "prescriptionId")));
                String eventId = events.publish(em, RdsDispense.TYPE, "ph-prescription:" + rds.prescriptionId, rds);
                RdsHandOverEntity row = new RdsHandOverEntity();
                row.setDispenseId(dispenseId);
                row.setEventId(eventId);
                row.setHandedMs(System.currentTimeMillis());
                em.persist(row);
                em.flush();
                List<AuditEvent> trail = List.of(AuditEvent.of("READ", "ph-prescription")
                        .resourceId(rds.prescriptionId).patientId(rds.patientId)
                        .detail(PURPOSE + ": dispense " + dispenseId).build());
                try (Connection c = JpaTransactions.connection(em)) {
                    audit.recordAllCommittingWith(c, trail, () -> {
                        tx.commit();
                        return null;
                    });
                }
                return eventId;
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
            }
        } finally {
            em.close();
        }
    }

    /** The event's fields, and the prescription's (absent: a dispense of a prescription since erased). */
    static RdsDispense dispense(JsonNode p, PrescriptionEntity prescription) {
        RdsDispense d = new RdsDispense();
        d.dispenseId = text(p, "dispenseId");
        d.prescriptionId = text(p, "prescriptionId");
        d.source = text(p, "source");
        d.patientId = required(p, "patientId");
        d.encounterId = text(p, "encounterId");
        d.itemCode = required(p, "itemCode");
        d.itemName = text(p, "itemName");
        d.quantity = required(p, "quantity");
        d.unit = text(p, "unit");
        d.complete = p.path("complete").asBoolean(false);
        d.dispensedBy = text(p, "dispensedBy");
        d.dispensedAt = text(p, "dispensedAt");
        d.batches = new ArrayList<>();
        for (JsonNode b : p.path("batches")) {
            RdsDispense.Batch batch = new RdsDispense.Batch();
            batch.batchNumber = text(b, "batchNumber");
            batch.expiryDate = text(b, "expiryDate");
            batch.quantity = text(b, "quantity");
            d.batches.add(batch);
        }
        if (prescription != null) {
            d.drug = prescription.getDrug();
            d.dose = prescription.getDose();
            d.route = prescription.getRoute();
            d.frequency = prescription.getFrequency();
            d.prescriber = prescription.getPrescriber();
            d.placerApplication = prescription.getPlacerApplication();
            d.placerOrderNumber = prescription.getPlacerOrderNumber();
            if (d.source == null) {
                d.source = prescription.getSource();
            }
        }
        return d;
    }

    private static String required(JsonNode p, String field) {
        String v = text(p, field);
        if (v == null) {
            throw new IllegalArgumentException("MedicationDispensed payload has no " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
