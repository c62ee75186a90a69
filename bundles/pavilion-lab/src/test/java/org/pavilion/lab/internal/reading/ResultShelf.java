package org.pavilion.lab.internal.reading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * Results as the lab's other parts leave them, written straight into lab_result (entered, verified, released,
 * corrected) so the readers' tests start from any day's state; plus the people who read them and the audit trail.
 */
public final class ResultShelf implements AutoCloseable {

    /** Monday 2026-11-30T08:00:00Z: the first morning of the tests' week. */
    public static final long MONDAY_0800 = 1_796_025_600_000L;
    public static final long HOUR = 3_600_000L;

    public final LabDatabase db;
    public final List<AuditEvent> trail = new ArrayList<>();
    public final AuditService audit = trail::add;

    public ResultShelf() throws Exception {
        db = new LabDatabase();
        db.starterTests();
    }

    /** A result of {@code itemIndex} of {@code order}, released at {@code observedMs} + 1 h (numeric tests: value). */
    public String released(LabDatabase.SeededOrder order, int itemIndex, String value, String flag, boolean critical,
            long observedMs) {
        return result(order, itemIndex, value, flag, critical, "RELEASED", observedMs, null);
    }

    /** A result in {@code status} (ENTERED, VERIFIED, RELEASED); {@code corrects} the row it replaces, or null. */
    public String result(LabDatabase.SeededOrder order, int itemIndex, String value, String flag, boolean critical,
            String status, long observedMs, String corrects) {
        String id = UUID.randomUUID().toString();
        String itemId = order.itemIds().get(itemIndex);
        db.jpa.run(em -> {
            OrderItemEntity item = em.find(OrderItemEntity.class, itemId);
            ResultEntity r = new ResultEntity();
            r.setId(id);
            r.setItemId(itemId);
            r.setOrderId(order.orderId());
            r.setPatientId(em.find(org.pavilion.lab.internal.order.LabOrderEntity.class, order.orderId())
                    .getPatientId());
            r.setTestCode(item.getTestCode());
            r.setValueText(value);
            if (value.matches("-?[0-9]+(\\.[0-9]+)?")) {
                r.setValueNum(new BigDecimal(value));
                r.setUnit("mmol/L");
                r.setReferenceRange("K".equals(item.getTestCode()) ? "3.5-5.1" : "3.9-5.5");
            }
            r.setFlag(flag);
            r.setCritical(critical);
            r.setSource("MANUAL");
            r.setStatus(status);
            r.setCorrectsId(corrects);
            r.setEnteredMs(observedMs + 10 * 60_000L);
            r.setEnteredBy("tech.ana");
            if (!"ENTERED".equals(status)) {
                r.setVerifiedMs(observedMs + 50 * 60_000L);
                r.setVerifiedBy("tech.ben");
            }
            if ("RELEASED".equals(status)) {
                r.setReleasedMs(observedMs + HOUR);
            }
            r.setObservedMs(observedMs);
            em.persist(r);
            if (corrects != null) {
                em.find(ResultEntity.class, corrects).setSuperseded(true);
            }
            item.setStatus("RELEASED".equals(status) ? "RELEASED" : "RESULTED");
        });
        return id;
    }

    /** The critical alert of a released result, acknowledged by {@code by} or still open (null). */
    public void alert(String resultId, String orderId, String patientId, String doctor, String acknowledgedBy) {
        db.jpa.run(em -> {
            CriticalAlertEntity a = new CriticalAlertEntity();
            a.setId(UUID.randomUUID().toString());
            a.setResultId(resultId);
            a.setOrderId(orderId);
            a.setPatientId(patientId);
            a.setNotify(doctor);
            a.setRaisedMs(MONDAY_0800);
            if (acknowledgedBy != null) {
                a.setAcknowledgedMs(MONDAY_0800 + HOUR);
                a.setAcknowledgedBy(acknowledgedBy);
            }
            em.persist(a);
        });
    }

    /**
     * Back to an empty laboratory with the starter catalogue and an empty trail: a test class opens one shelf (the
     * change log runs once) and clears it before each test.
     */
    public void clear() {
        db.jpa.run(em -> {
            for (String entity : new String[] {"CriticalAlertEntity", "ResultEntity", "OrderHistoryEntity",
                    "OrderItemEntity", "SpecimenEntity", "LabOrderEntity"}) {
                em.createQuery("DELETE FROM " + entity + " x").executeUpdate();
            }
        });
        trail.clear();
    }

    public AuditEvent lastAudit() {
        return trail.get(trail.size() - 1);
    }

    /** Staff with the given privileges. */
    public static Caller staff(String username, String... privileges) {
        return Caller.inContainer(username, Set.of(privileges), "10.0.0.7");
    }

    /** A patient's own portal account. */
    public static Caller patient(String username, String mrn, String... privileges) {
        return org.pavilion.core.testing.TestAccounts.patientAccount(username, mrn, privileges);
    }

    public static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
