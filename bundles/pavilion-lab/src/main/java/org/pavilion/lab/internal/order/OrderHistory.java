package org.pavilion.lab.internal.order;

import java.sql.SQLException;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;

/** History rows of orders, items and specimens, and how a failed write is told apart (lost race or not). */
final class OrderHistory {

    private OrderHistory() {
    }

    /** One status change: {@code targetId} the item or specimen, null for the order itself. */
    static void record(EntityManager em, String orderId, String targetId, String status, String actor, String detail,
            long atMs) {
        OrderHistoryEntity h = new OrderHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setOrderId(orderId);
        h.setTargetId(targetId);
        h.setStatus(status);
        h.setAtMs(atMs);
        h.setActor(actor);
        h.setDetail(detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
        em.persist(h);
    }

    /** Someone else changed the row between our read and our write (the version check). */
    static boolean isOptimistic(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** A unique or primary key violation (SQLState 23505 on H2 and PostgreSQL). */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if ("23505".equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
