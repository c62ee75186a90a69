package org.pavilion.lab.internal.critical;

import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.lab.internal.order.OrderHistoryEntity;

/** The order's history rows a critical alert leaves: on the order, targeted at the result the alert is about. */
final class CriticalHistory {

    /** An escalation to the next level. */
    static final String ESCALATED = "CRITICAL_ESCALATED";
    /** A doctor acknowledged it (the column holds 20 characters). */
    static final String ACKNOWLEDGED = "CRITICAL_ACK";

    private static final int MAX_DETAIL = 1000;
    private static final int MAX_ACTOR = 64;

    private CriticalHistory() {
    }

    static void write(EntityManager em, CriticalAlertEntity alert, String status, String actor, String detail,
            long atMs) {
        OrderHistoryEntity h = new OrderHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setOrderId(alert.getOrderId());
        h.setTargetId(alert.getResultId());
        h.setStatus(status);
        h.setAtMs(atMs);
        h.setActor(actor.length() <= MAX_ACTOR ? actor : actor.substring(0, MAX_ACTOR));
        h.setDetail(detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL));
        em.persist(h);
    }
}
