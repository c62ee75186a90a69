package org.pavilion.lab.internal.critical;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.pavilion.core.api.security.Caller;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * The ward's critical values as the alert part finds them: a released critical result of a seeded order and its
 * level-0 alert for the ordering doctor, written directly as the releasing part would (it is another helper's).
 */
final class CriticalWard {

    /** A critical alert seeded with the ids it points to. */
    record Seeded(String alertId, String resultId, String orderId) {
    }

    private final LabDatabase db;

    CriticalWard(LabDatabase db) {
        this.db = db;
        db.starterTests();
    }

    /**
     * {@code doctor}'s STAT order of {@code test} for {@code patient}, released at {@code raisedMs} with the critical
     * {@code value} ({@code flag} LL or HH), and its alert at level 0 due {@code escalateMinutes} later.
     */
    Seeded critical(String patient, String doctor, String test, String value, String flag, long raisedMs,
            int escalateMinutes) {
        LabDatabase.SeededOrder order = db.order(patient, doctor, "STAT", ItemStatus.RELEASED, test);
        String resultId = UUID.randomUUID().toString();
        String alertId = UUID.randomUUID().toString();
        db.jpa.run(em -> {
            ResultEntity r = new ResultEntity();
            r.setId(resultId);
            r.setItemId(order.itemIds().get(0));
            r.setOrderId(order.orderId());
            r.setPatientId(patient);
            r.setTestCode(test);
            r.setValueText(value);
            r.setValueNum(new BigDecimal(value));
            r.setUnit("mmol/L");
            r.setEnteredValue(value);
            r.setEnteredUnit("mmol/L");
            r.setFlag(flag);
            r.setCritical(true);
            r.setSource("ANALYSER");
            r.setStatus("RELEASED");
            r.setEnteredMs(raisedMs - 600_000L);
            r.setEnteredBy("tech.ana");
            r.setVerifiedMs(raisedMs);
            r.setVerifiedBy("tech.ben");
            r.setReleasedMs(raisedMs);
            r.setObservedMs(raisedMs - 900_000L);
            em.persist(r);
            CriticalAlertEntity a = new CriticalAlertEntity();
            a.setId(alertId);
            a.setResultId(resultId);
            a.setOrderId(order.orderId());
            a.setPatientId(patient);
            a.setLevel(0);
            a.setNotify(doctor);
            a.setRaisedMs(raisedMs);
            a.setEscalateAtMs(raisedMs + escalateMinutes * 60_000L);
            em.persist(a);
        });
        return new Seeded(alertId, resultId, order.orderId());
    }

    /**
     * Empties the order, result and alert tables (the catalogue stays): a class opens its database once and each test
     * starts from an empty ward.
     */
    static void clear(LabDatabase db) {
        db.jpa.run(em -> {
            for (String entity : java.util.List.of("CriticalAlertEntity", "ResultEntity", "OrderHistoryEntity",
                    "OrderItemEntity", "SpecimenEntity", "LabOrderEntity")) {
                em.createQuery("DELETE FROM " + entity + " x").executeUpdate();
            }
        });
    }

    CriticalAlertEntity alert(String id) {
        return db.jpa.call(em -> em.find(CriticalAlertEntity.class, id));
    }

    long history(String orderId, String status) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(h) FROM OrderHistoryEntity h WHERE h.orderId = :o"
                + " AND h.status = :s", Long.class).setParameter("o", orderId).setParameter("s", status)
                .getSingleResult());
    }

    /** A member of staff with the privileges their roles grant. */
    static Caller staff(String username, String... privileges) {
        return new Caller() {
            @Override public String username() { return username; }
            @Override public Set<String> roles() { return Set.of(); }
            @Override public Set<String> privileges() { return Set.of(privileges); }
            @Override public Optional<String> patientId() { return Optional.empty(); }
            @Override public String clientAddress() { return "10.0.0.9"; }
        };
    }
}
