package org.pavilion.lab.internal.critical;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * Alerts as their DTO: the value and flag from the result the alert is about and the test's name from the
 * catalogue, read in two queries for a whole page rather than two per alert.
 */
final class CriticalAlertViews {

    private CriticalAlertViews() {
    }

    static List<CriticalAlert> of(EntityManager em, List<CriticalAlertEntity> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Map<String, ResultEntity> results = new HashMap<>();
        em.createQuery("SELECT r FROM ResultEntity r WHERE r.id IN :ids", ResultEntity.class)
                .setParameter("ids", alerts.stream().map(CriticalAlertEntity::getResultId).distinct().toList())
                .getResultList().forEach(r -> results.put(r.getId(), r));
        Map<String, String> names = new HashMap<>();
        List<String> codes = results.values().stream().map(ResultEntity::getTestCode).distinct().toList();
        if (!codes.isEmpty()) {
            em.createQuery("SELECT t FROM LabTestEntity t WHERE t.code IN :codes", LabTestEntity.class)
                    .setParameter("codes", codes).getResultList().forEach(t -> names.put(t.getCode(), t.getName()));
        }
        return alerts.stream().map(a -> dto(a, results.get(a.getResultId()), names)).toList();
    }

    static CriticalAlert of(EntityManager em, CriticalAlertEntity alert) {
        return of(em, List.of(alert)).get(0);
    }

    private static CriticalAlert dto(CriticalAlertEntity a, ResultEntity r, Map<String, String> names) {
        CriticalAlert d = new CriticalAlert();
        d.id = a.getId();
        d.resultId = a.getResultId();
        d.orderId = a.getOrderId();
        d.patientId = a.getPatientId();
        if (r != null) {
            d.testCode = r.getTestCode();
            d.testName = names.get(r.getTestCode());
            d.value = r.getValueText();
            d.unit = r.getUnit();
            d.flag = r.getFlag();
        }
        d.level = a.getLevel();
        d.notify = a.getNotify();
        d.raisedAt = instant(a.getRaisedMs());
        d.escalateAt = instant(a.getEscalateAtMs());
        d.acknowledgedAt = instant(a.getAcknowledgedMs());
        d.acknowledgedBy = a.getAcknowledgedBy();
        return d;
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
