package org.pavilion.lab.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * The laboratory's part in a patient's merge, GDPR export and erasure. Orders, results and critical alerts are kept
 * per MRN ({@code patient_id}); items, specimens and history hang off the order. A merge re-points the three to the
 * survivor; the export lists orders (with their tests), results and critical alerts. Erasure follows the EMR: lab
 * orders and results are part of the medical record, kept while it is under retention. So they are kept when the
 * scope is PARTIAL (the EMR keeps its clinical record), and also in a FULL erasure while the lab's own newest order
 * or result is younger than {@code retentionYears} (the lab may hold later care than the EMR's record); after that
 * every row of the patient is deleted. Every statement is keyed by MRN, so each operation is idempotent.
 */
@Component(service = PrivacyParticipant.class, configurationPid = LabPrivacyConfig.PID)
// No @Designate: LabPrivacyConfig's own pid designates it, and bnd refuses a second designate of that pid.
public class LabPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;
    private volatile int retentionYears;

    @Activate
    public LabPrivacy(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            LabPrivacyConfig config) {
        this(emf, config.retentionYears());
    }

    LabPrivacy(EntityManagerFactory emf, int retentionYears) {
        this.jpa = new JpaTransactions(emf);
        this.retentionYears = Math.max(0, retentionYears);
    }

    @Modified
    void modified(LabPrivacyConfig config) {
        retentionYears = Math.max(0, config.retentionYears());
    }

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public String title() {
        return "Laboratory: orders, results, critical alerts";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int[] n = jpa.call(em -> new int[] {
            repoint(em, "LabOrderEntity", survivorMrn, duplicateMrn),
            repoint(em, "ResultEntity", survivorMrn, duplicateMrn),
            repoint(em, "CriticalAlertEntity", survivorMrn, duplicateMrn) });
        String why = "of " + duplicateMrn + " now belong to " + survivorMrn;
        return ParticipantOutcome.builder()
                .repointed("lab orders", n[0], "orders (with their tests, specimens and history) " + why)
                .repointed("lab results", n[1], "results " + why)
                .repointed("critical alerts", n[2], "critical alerts " + why
                        + "; their level and whom they notify are unchanged")
                .build();
    }

    private static int repoint(EntityManager em, String entity, String survivor, String duplicate) {
        return em.createQuery("UPDATE " + entity + " x SET x.patientId = :s, x.version = x.version + 1"
                + " WHERE x.patientId = :d").setParameter("s", survivor).setParameter("d", duplicate).executeUpdate();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> data = jpa.call(em -> {
            Map<String, String> tests = em.createQuery("SELECT t FROM LabTestEntity t", LabTestEntity.class)
                    .getResultList().stream().collect(Collectors.toMap(LabTestEntity::getCode, LabTestEntity::getName));
            List<LabOrderEntity> orders = em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.patientId IN :mrns"
                    + " ORDER BY o.placedMs, o.id", LabOrderEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList();
            Map<String, List<OrderItemEntity>> items = new HashMap<>();
            if (!orders.isEmpty()) {
                em.createQuery("SELECT i FROM OrderItemEntity i WHERE i.orderId IN :ids ORDER BY i.testCode, i.id",
                        OrderItemEntity.class).setParameter("ids", orders.stream().map(LabOrderEntity::getId).toList())
                        .getResultList().forEach(i -> items.computeIfAbsent(i.getOrderId(), k -> new ArrayList<>())
                                .add(i));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("orders", orders.stream().map(o -> order(o, items.getOrDefault(o.getId(), List.of()), tests))
                    .toList());
            out.put("results", em.createQuery("SELECT r FROM ResultEntity r WHERE r.patientId IN :mrns"
                    + " ORDER BY r.observedMs, r.id", ResultEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList().stream().map(r -> result(r, tests)).toList());
            out.put("criticalAlerts", em.createQuery("SELECT a FROM CriticalAlertEntity a WHERE a.patientId IN :mrns"
                    + " ORDER BY a.raisedMs, a.id", CriticalAlertEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList().stream().map(LabPrivacy::alert).toList());
            return out;
        });
        JSON.writeValue(json, data);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        List<String> mrns = subject.mrns();
        return jpa.call(em -> {
            List<String> orderIds = em.createQuery("SELECT o.id FROM LabOrderEntity o WHERE o.patientId IN :mrns",
                    String.class).setParameter("mrns", mrns).getResultList();
            long results = em.createQuery("SELECT COUNT(r) FROM ResultEntity r WHERE r.patientId IN :mrns", Long.class)
                    .setParameter("mrns", mrns).getSingleResult();
            long alerts = em.createQuery("SELECT COUNT(a) FROM CriticalAlertEntity a WHERE a.patientId IN :mrns",
                    Long.class).setParameter("mrns", mrns).getSingleResult();
            Long newest = newest(em, mrns);
            Instant retainedUntil = newest == null ? null : Instant.ofEpochMilli(newest).atOffset(ZoneOffset.UTC)
                    .plusYears(retentionYears).toInstant();
            ParticipantOutcome.Builder outcome = ParticipantOutcome.builder();
            if (!"FULL".equals(subject.scope())) {
                String why = "lab orders and results are part of the medical record, which the EMR keeps under"
                        + " retention (scope " + subject.scope() + "); kept with it";
                return outcome.kept("lab orders", (long) orderIds.size(), why)
                        .kept("lab results", results, why)
                        .kept("critical alerts", alerts, why).build();
            }
            if (retainedUntil != null && retainedUntil.isAfter(subject.requestedAt())) {
                String why = "lab orders and results are medical record kept " + retentionYears + " years after the"
                        + " patient's newest one, until " + retainedUntil + " (" + LabPrivacyConfig.PID
                        + " retentionYears), whatever the EMR holds";
                return outcome.kept("lab orders", (long) orderIds.size(), why)
                        .kept("lab results", results, why)
                        .kept("critical alerts", alerts, why).build();
            }
            int deletedAlerts = em.createQuery("DELETE FROM CriticalAlertEntity a WHERE a.patientId IN :mrns")
                    .setParameter("mrns", mrns).executeUpdate();
            int deletedResults = em.createQuery("DELETE FROM ResultEntity r WHERE r.patientId IN :mrns")
                    .setParameter("mrns", mrns).executeUpdate();
            if (!orderIds.isEmpty()) {
                for (String entity : List.of("OrderHistoryEntity", "OrderItemEntity", "SpecimenEntity")) {
                    em.createQuery("DELETE FROM " + entity + " x WHERE x.orderId IN :ids").setParameter("ids", orderIds)
                            .executeUpdate();
                }
            }
            int deletedOrders = em.createQuery("DELETE FROM LabOrderEntity o WHERE o.patientId IN :mrns")
                    .setParameter("mrns", mrns).executeUpdate();
            String why = "past the " + retentionYears + " years lab records are kept (or none), and the EMR erased the"
                    + " whole record (scope FULL)";
            return outcome.removed("lab orders", deletedOrders, why + "; with their tests, specimens and history")
                    .removed("lab results", deletedResults, why)
                    .removed("critical alerts", deletedAlerts, why).build();
        });
    }

    /** The newest time of the patient's lab care: an order placed, a result observed or released. */
    private static Long newest(EntityManager em, List<String> mrns) {
        Long placed = em.createQuery("SELECT MAX(o.placedMs) FROM LabOrderEntity o WHERE o.patientId IN :mrns",
                Long.class).setParameter("mrns", mrns).getSingleResult();
        Long observed = em.createQuery("SELECT MAX(r.observedMs) FROM ResultEntity r WHERE r.patientId IN :mrns",
                Long.class).setParameter("mrns", mrns).getSingleResult();
        Long released = em.createQuery("SELECT MAX(r.releasedMs) FROM ResultEntity r WHERE r.patientId IN :mrns",
                Long.class).setParameter("mrns", mrns).getSingleResult();
        Long newest = null;
        for (Long t : new Long[] {placed, observed, released}) {
            if (t != null && (newest == null || t > newest)) {
                newest = t;
            }
        }
        return newest;
    }

    private static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static Map<String, Object> order(LabOrderEntity o, List<OrderItemEntity> items, Map<String, String> tests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.getId());
        m.put("orderNumber", o.getOrderNumber());
        m.put("patientId", o.getPatientId());
        m.put("encounterId", o.getEncounterId());
        m.put("orderingDoctor", o.getOrderingDoctor());
        m.put("priority", o.getPriority());
        m.put("clinicalNote", o.getClinicalNote());
        m.put("status", o.getStatus());
        m.put("placedAt", instant(o.getPlacedMs()));
        m.put("placedBy", o.getPlacedBy());
        m.put("cancelReason", o.getCancelReason());
        m.put("items", items.stream().map(i -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i.getId());
            t.put("testCode", i.getTestCode());
            t.put("testName", tests.get(i.getTestCode()));
            t.put("panelCode", i.getPanelCode());
            t.put("specimenId", i.getSpecimenId());
            t.put("status", i.getStatus());
            t.put("statusAt", instant(i.getStatusMs()));
            t.put("rejectReason", i.getRejectReason());
            return t;
        }).toList());
        return m;
    }

    private static Map<String, Object> result(ResultEntity r, Map<String, String> tests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("orderId", r.getOrderId());
        m.put("itemId", r.getItemId());
        m.put("patientId", r.getPatientId());
        m.put("testCode", r.getTestCode());
        m.put("testName", tests.get(r.getTestCode()));
        m.put("value", r.getValueText());
        m.put("unit", r.getUnit());
        m.put("referenceRange", r.getReferenceRange());
        m.put("flag", r.getFlag());
        m.put("critical", r.isCritical());
        m.put("comment", r.getComment());
        m.put("status", r.getStatus());
        m.put("correctsId", r.getCorrectsId());
        m.put("superseded", r.isSuperseded());
        m.put("enteredAt", instant(r.getEnteredMs()));
        m.put("enteredBy", r.getEnteredBy());
        m.put("verifiedAt", instant(r.getVerifiedMs()));
        m.put("verifiedBy", r.getVerifiedBy());
        m.put("releasedAt", instant(r.getReleasedMs()));
        m.put("observedAt", instant(r.getObservedMs()));
        return m;
    }

    private static Map<String, Object> alert(CriticalAlertEntity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.getId());
        m.put("resultId", a.getResultId());
        m.put("orderId", a.getOrderId());
        m.put("patientId", a.getPatientId());
        m.put("level", a.getLevel());
        m.put("notify", a.getNotify());
        m.put("raisedAt", instant(a.getRaisedMs()));
        m.put("acknowledgedAt", instant(a.getAcknowledgedMs()));
        m.put("acknowledgedBy", a.getAcknowledgedBy());
        return m;
    }
}
