package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/**
 * A morning in the lab: Dr House's STAT potassium and glucose for MRN-1 arrive received; Anna enters a potassium
 * of 7.1, critical; she may not verify her own work, Ben does, it is released, Dr House is alerted and billing told
 * once. The glucose completes the order. Later a haemolysed sample is found: Anna corrects the potassium, Ben
 * releases the correction; the old value is kept, nothing is charged twice.
 */
public class ResultDayTest {

    private Lab lab;
    private LabDatabase.SeededOrder order;
    private String potassium;
    private String glucose;

    @Before
    public void morning() throws Exception {
        lab = new Lab(true);
        order = lab.db.order("MRN-1", "dr.house", "STAT", ItemStatus.RECEIVED, "K", "GLU");
        potassium = order.itemIds().get(0);
        glucose = order.itemIds().get(1);
    }

    @After
    public void evening() throws Exception {
        lab.close();
    }

    @Test
    public void aCriticalPotassiumIsVerifiedByAnotherTechnicianReleasedAlertedAndLaterCorrected() throws Exception {
        ResultDto entered = Lab.as(Lab.ANNA, () -> lab.results.enter(potassium, "7.1", "mmol/L", "repeat requested"));
        assertEquals("ENTERED", entered.status);
        assertEquals("HH", entered.flag);
        assertTrue(entered.critical);
        assertEquals("3.5-5.1", entered.referenceRange);
        assertEquals("7.1", entered.value);
        assertEquals("MANUAL", entered.source);
        assertEquals(order.orderNumber(), entered.orderNumber);
        assertEquals("Potassium", entered.testName);
        assertEquals("RESULTED", lab.row(OrderItemEntity.class, potassium).getStatus());

        ProblemException own = Lab.refused(Lab.ANNA, () -> lab.results.verify(entered.id));
        assertEquals(409, own.status());
        assertTrue(own.detail(), own.detail().contains("another technician must verify"));
        assertEquals("ENTERED", lab.row(ResultEntity.class, entered.id).getStatus());
        assertTrue(lab.events.published.isEmpty());

        lab.now.addAndGet(5 * 60_000L);
        ResultDto released = Lab.as(Lab.BEN, () -> lab.results.verify(entered.id));
        assertEquals("RELEASED", released.status);
        assertEquals("tech.ben", released.verifiedBy);
        assertEquals("2026-12-04T09:35:00Z", released.releasedAt);
        assertEquals("RELEASED", lab.row(OrderItemEntity.class, potassium).getStatus());
        assertEquals("ACTIVE", lab.row(LabOrderEntity.class, order.orderId()).getStatus());

        LabResultReleased event = lab.events.of(LabResultReleased.TYPE, LabResultReleased.class).get(0);
        assertEquals("FINAL", event.status);
        assertEquals("HH", event.flag);
        assertEquals("2823-3", event.loinc);
        assertEquals("dr.house", event.orderingDoctor);
        assertEquals("tech.ben", event.actor);
        assertEquals("lab-order:" + order.orderId(), lab.events.published.get(0).subjectKey());
        assertEquals(1, lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());

        List<CriticalLabResult> alerts = lab.events.of(CriticalLabResult.TYPE, CriticalLabResult.class);
        assertEquals(1, alerts.size());
        assertEquals(0, alerts.get(0).level);
        assertEquals("dr.house", alerts.get(0).notify);
        CriticalAlertEntity alert = lab.row(CriticalAlertEntity.class, alerts.get(0).alertId);
        assertEquals(entered.id, alert.getResultId());
        assertEquals(Long.valueOf(lab.now.get() + 30 * 60_000L), alert.getEscalateAtMs());
        assertNull(alert.getAcknowledgedMs());

        // The glucose in mg/dL: 90 × 0.0555 = 4.995 mmol/L, normal; the order is complete.
        ResultDto glu = Lab.as(Lab.BEN, () -> lab.results.enter(glucose, "90", "mg/dL", null));
        assertEquals("4.995", glu.value);
        assertEquals("mmol/L", glu.unit);
        assertEquals("N", glu.flag);
        Lab.as(Lab.ANNA, () -> lab.results.verify(glu.id));
        assertEquals("COMPLETED", lab.row(LabOrderEntity.class, order.orderId()).getStatus());
        assertEquals(2, lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());

        // Afternoon: the potassium sample was haemolysed; the repeat reads 4.2.
        lab.now.addAndGet(6 * 3600_000L);
        ProblemException noReason = Lab.refused(Lab.ANNA,
                () -> lab.results.correct(entered.id, "4.2", "mmol/L", null, " "));
        assertEquals(400, noReason.status());
        ResultDto correction = Lab.as(Lab.ANNA,
                () -> lab.results.correct(entered.id, "4.2", "mmol/L", "repeat sample", "haemolysed sample"));
        assertEquals("ENTERED", correction.status);
        assertTrue(correction.corrected);
        assertEquals(entered.id, correction.correctsId);
        assertEquals("N", correction.flag);
        ResultEntity old = lab.row(ResultEntity.class, entered.id);
        assertTrue(old.isSuperseded());
        assertEquals("RELEASED", old.getStatus());
        assertEquals(0, new BigDecimal("7.1").compareTo(old.getValueNum()));
        assertEquals("RESULTED", lab.row(OrderItemEntity.class, potassium).getStatus());
        assertEquals("ACTIVE", lab.row(LabOrderEntity.class, order.orderId()).getStatus());

        assertEquals(409, Lab.refused(Lab.ANNA, () -> lab.results.verify(correction.id)).status());
        ResultDto corrected = Lab.as(Lab.BEN, () -> lab.results.verify(correction.id));
        assertEquals("RELEASED", corrected.status);
        List<LabResultReleased> releases = lab.events.of(LabResultReleased.TYPE, LabResultReleased.class);
        assertEquals(3, releases.size());
        assertEquals("CORRECTED", releases.get(2).status);
        assertEquals(entered.id, releases.get(2).correctsResultId);
        assertEquals("4.2", releases.get(2).value);
        assertEquals("no second charge for a correction", 2,
                lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());
        assertEquals(1, lab.events.of(CriticalLabResult.TYPE, CriticalLabResult.class).size());
        assertEquals("COMPLETED", lab.row(LabOrderEntity.class, order.orderId()).getStatus());
        assertEquals(1L, lab.count("SELECT COUNT(a) FROM CriticalAlertEntity a WHERE a.orderId = ?1",
                order.orderId()));
        assertEquals("one current result per item", 1L, lab.count(
                "SELECT COUNT(r) FROM ResultEntity r WHERE r.itemId = ?1 AND r.superseded = false", potassium));

        // The order's history tells the potassium's day, and the trail each step.
        List<String> steps = lab.db.jpa.call(em -> em.createQuery("SELECT h.status FROM OrderHistoryEntity h "
                + "WHERE h.targetId = :i ORDER BY h.atMs, h.status", String.class).setParameter("i", potassium)
                .getResultList());
        assertTrue(steps.toString(), steps.containsAll(List.of("RESULTED", "VERIFIED", "RELEASED", "CORRECTED",
                "RELEASED_CORRECTED")));
        assertEquals(1, lab.audit.with("VERIFY", AuditOutcome.FAILED).stream()
                .filter(e -> e.resourceId().equals(entered.id)).count());
        assertFalse(lab.audit.with("UPDATE", AuditOutcome.SUCCESS).isEmpty());
        assertTrue(lab.audit.events.stream().allMatch(e -> "MRN-1".equals(e.patientId())
                && "lab-result".equals(e.resourceType())));
    }
}
