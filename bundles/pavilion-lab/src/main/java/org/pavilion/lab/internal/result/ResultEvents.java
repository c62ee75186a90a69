package org.pavilion.lab.internal.result;

import java.time.Instant;

import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.api.LabOrderEvent;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/** The payloads of the result events, filled from the rows they report (subject {@code lab-order:<orderId>}). */
final class ResultEvents {

    private ResultEvents() {
    }

    static String subject(String orderId) {
        return "lab-order:" + orderId;
    }

    static <E extends LabOrderEvent> E of(E e, LabOrderEntity order, String actor) {
        e.orderId = order.getId();
        e.orderNumber = order.getOrderNumber();
        e.patientId = order.getPatientId();
        e.encounterId = order.getEncounterId();
        e.orderingDoctor = order.getOrderingDoctor();
        e.priority = order.getPriority();
        e.actor = actor;
        return e;
    }

    static LabResultReleased released(LabOrderEntity order, ResultEntity r, LabTestEntity test, String actor) {
        LabResultReleased e = of(new LabResultReleased(), order, actor);
        ResultDto d = ResultDto.of(r, test, order);
        e.resultId = r.getId();
        e.correctsResultId = r.getCorrectsId();
        e.itemId = r.getItemId();
        e.testCode = d.testCode;
        e.testName = d.testName;
        e.loinc = d.loinc;
        e.value = d.value;
        e.unit = d.unit;
        e.referenceRange = d.referenceRange;
        e.flag = d.flag;
        e.critical = d.critical;
        e.status = r.getCorrectsId() == null ? "FINAL" : "CORRECTED";
        e.verifiedBy = r.getVerifiedBy();
        e.releasedAt = d.releasedAt;
        return e;
    }

    static LabTestCompleted completed(LabOrderEntity order, OrderItemEntity item, LabTestEntity test, String actor) {
        LabTestCompleted e = of(new LabTestCompleted(), order, actor);
        e.itemId = item.getId();
        e.testCode = item.getTestCode();
        e.testName = test == null ? item.getTestCode() : test.getName();
        e.priceReference = test == null ? null : test.getPriceReference();
        e.panelCode = item.getPanelCode();
        e.completedAt = Instant.ofEpochMilli(item.getCompletedMs()).toString();
        return e;
    }

    static CriticalLabResult critical(LabOrderEntity order, ResultEntity r, LabTestEntity test,
            CriticalAlertEntity alert, String actor) {
        CriticalLabResult e = of(new CriticalLabResult(), order, actor);
        ResultDto d = ResultDto.of(r, test, order);
        e.alertId = alert.getId();
        e.resultId = r.getId();
        e.testCode = d.testCode;
        e.testName = d.testName;
        e.value = d.value;
        e.unit = d.unit;
        e.flag = d.flag;
        e.level = alert.getLevel();
        e.notify = alert.getNotify();
        e.raisedAt = Instant.ofEpochMilli(alert.getRaisedMs()).toString();
        return e;
    }
}
