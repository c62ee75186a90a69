package org.pavilion.emr.internal.record;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.emr.internal.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pharmacy dispensed, on the prescription it was dispensed against: each MedicationDispensed adds its
 * quantity to the prescription's dispensed total and moves its last dispense time, once per dispense id (a row of
 * emr_prescription_dispense, written in the same transaction, makes a redelivery a no-op). The payload is read by
 * field name: the EMR does not depend on the pharmacy bundle, which may not be installed.
 */
@Component(service = PrescriptionDispensing.class)
public class PrescriptionDispensing {

    /** MedicationDispensed's event type name, as the pharmacy publishes it. */
    public static final String EVENT_TYPE = "MedicationDispensed";
    static final String SUBSCRIBER = "emr-prescription-dispensed";

    /** The audit trail names the subscriber: it writes for the pharmacy's event, not for a signed-in user. */
    static final Caller ACTOR = Caller.inContainer("event:" + SUBSCRIBER, Set.of(), "local");

    private static final Logger LOG = LoggerFactory.getLogger(PrescriptionDispensing.class);

    /** What became of one delivery. */
    public enum Outcome {
        APPLIED,
        /** This dispense id was applied before (a redelivery). */
        ALREADY_APPLIED,
        /** Not one of the EMR's prescriptions (e.g. one an outside system sent the pharmacy by HL7). */
        NOT_AN_EMR_PRESCRIPTION,
        /** Missing or unreadable fields: retrying would not help, so it is logged and dropped. */
        MALFORMED
    }

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public PrescriptionDispensing(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    /** Applies one MedicationDispensed payload (JSON); throws only for what a redelivery may cure (the database). */
    public Outcome onMedicationDispensed(String payloadJson) {
        Dispensed d;
        try {
            d = Dispensed.read(json.readTree(payloadJson));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            // The parser's message quotes the payload, which names the patient: the class only (issue #20).
            LOG.warn("MedicationDispensed not applied to the record, its payload is unusable: {}", LogSafe.classes(e));
            return Outcome.MALFORMED;
        }
        // The record's change and its audit record commit together.
        Applied applied = jpa.callAudited(audit, em -> {
            Applied a = apply(em, d);
            return new Done<>(a, a.outcome != Outcome.APPLIED ? List.of() : List.of(AuditEvent.of("UPDATE",
                    "prescription").resourceId(d.prescriptionId).patientId(a.mrn).detail("dispensed "
                            + d.quantity.stripTrailingZeros().toPlainString() + (d.unit == null ? "" : " " + d.unit)
                            + " (pharmacy dispense " + d.dispenseId + ")" + (d.complete ? ", complete" : ""))
                    .build().as(ACTOR)));
        });
        if (applied.outcome == Outcome.NOT_AN_EMR_PRESCRIPTION) {
            LOG.debug("Dispense {} is for prescription {}, not one of the EMR's", d.dispenseId, d.prescriptionId);
        }
        return applied.outcome;
    }

    private record Applied(Outcome outcome, String mrn) {
    }

    private static Applied apply(EntityManager em, Dispensed d) {
        PrescriptionEntity rx = em.find(PrescriptionEntity.class, d.prescriptionId);
        if (rx == null) {
            return new Applied(Outcome.NOT_AN_EMR_PRESCRIPTION, null);
        }
        if (em.find(PrescriptionDispenseEntity.class, d.dispenseId) != null) {
            return new Applied(Outcome.ALREADY_APPLIED, rx.getMrn());
        }
        PrescriptionDispenseEntity row = new PrescriptionDispenseEntity();
        row.setDispenseId(d.dispenseId);
        row.setPrescriptionId(rx.getId());
        row.setMrn(rx.getMrn());
        row.setQuantity(d.quantity);
        row.setUnit(d.unit);
        row.setDispensedMs(d.dispensedMs);
        row.setAppliedMs(System.currentTimeMillis());
        em.persist(row);
        // A concurrent redelivery of the same dispense fails here on the key and is retried by the bus, then sees it.
        em.flush();
        // One statement adds to the total under the row's lock: two dispenses applied at once both count. The newest
        // dispense (by its time) decides the last time and whether the prescription is complete.
        // A dispense without a unit leaves the unit as it was; '' stands for it (PostgreSQL cannot type a null one).
        em.createNativeQuery("UPDATE emr_prescription SET dispensed_quantity = COALESCE(dispensed_quantity, 0) + ?1,"
                + " fully_dispensed = CASE WHEN last_dispensed_ms IS NULL OR last_dispensed_ms <= ?2 THEN ?3"
                + " ELSE fully_dispensed END,"
                + " last_dispensed_ms = CASE WHEN last_dispensed_ms IS NULL OR last_dispensed_ms < ?2 THEN ?2"
                + " ELSE last_dispensed_ms END,"
                + " dispensed_unit = COALESCE(NULLIF(?5, ''), dispensed_unit) WHERE id = ?4")
                .setParameter(1, d.quantity).setParameter(2, d.dispensedMs).setParameter(3, d.complete)
                .setParameter(4, rx.getId()).setParameter(5, d.unit == null ? "" : d.unit).executeUpdate();
        return new Applied(Outcome.APPLIED, rx.getMrn());
    }

    /** The fields of a MedicationDispensed payload the record uses, checked. */
    record Dispensed(String dispenseId, String prescriptionId, BigDecimal quantity, String unit, long dispensedMs,
            boolean complete) {

        static Dispensed read(JsonNode n) {
            String dispenseId = required(n, "dispenseId", 64);
            String prescriptionId = required(n, "prescriptionId", 36);
            BigDecimal quantity = new BigDecimal(required(n, "quantity", 30));
            if (quantity.signum() <= 0 || quantity.scale() > 3 || quantity.precision() - quantity.scale() > 16) {
                throw new IllegalArgumentException("quantity " + quantity + " is not a positive amount of at most"
                        + " 16 digits and 3 decimals");
            }
            String unit = optional(n, "unit", 30);
            long dispensedMs = Instant.parse(required(n, "dispensedAt", 40)).toEpochMilli();
            JsonNode complete = n.path("complete");
            return new Dispensed(dispenseId, prescriptionId, quantity, unit, dispensedMs,
                    complete.isBoolean() && complete.booleanValue());
        }

        private static String required(JsonNode n, String field, int max) {
            String v = optional(n, field, max);
            if (v == null) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return v;
        }

        private static String optional(JsonNode n, String field, int max) {
            JsonNode v = n.path(field);
            String text = v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
            if (text.length() > max) {
                throw new IllegalArgumentException(field + " is longer than " + max + " characters");
            }
            return text.isEmpty() ? null : text;
        }
    }
}
