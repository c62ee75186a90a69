package org.pavilion.lab.internal.result;

import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;

/**
 * Opens the alert of a released critical result: level 0, for the ordering doctor, due to escalate after
 * {@code criticalEscalateMinutes}, and publishes {@link CriticalLabResult} in the same transaction. Acknowledgement
 * and escalation work on the same row (package {@code internal.critical}).
 */
final class CriticalRaise {

    private final EventPublisher events;

    CriticalRaise(EventPublisher events) {
        this.events = events;
    }

    /** The alert of {@code r}; an alert already open for it (a release replayed) is returned as it is. */
    CriticalAlertEntity raise(EntityManager em, LabOrderEntity order, ResultEntity r, LabTestEntity test,
            int escalateMinutes, long now, String actor) {
        CriticalAlertEntity existing = em.createQuery(
                "SELECT a FROM CriticalAlertEntity a WHERE a.resultId = :r", CriticalAlertEntity.class)
                .setParameter("r", r.getId()).getResultList().stream().findFirst().orElse(null);
        if (existing != null) {
            return existing;
        }
        CriticalAlertEntity a = new CriticalAlertEntity();
        a.setId(UUID.randomUUID().toString());
        a.setResultId(r.getId());
        a.setOrderId(order.getId());
        a.setPatientId(order.getPatientId());
        a.setLevel(0);
        a.setNotify(order.getOrderingDoctor());
        a.setRaisedMs(now);
        a.setEscalateAtMs(now + Math.max(0, escalateMinutes) * 60_000L);
        em.persist(a);
        events.publish(em, CriticalLabResult.TYPE, ResultEvents.subject(order.getId()),
                ResultEvents.critical(order, r, test, a, actor));
        return a;
    }
}
