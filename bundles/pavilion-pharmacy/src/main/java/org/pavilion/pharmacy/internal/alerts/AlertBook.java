package org.pavilion.pharmacy.internal.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.api.StockAlertRaised;

/**
 * Keeps {@code ph_alert} in step with what a check found, in the check's transaction: a condition without an open
 * alert is raised (a new row, or the resolved row of the same key opened again) and {@link StockAlertRaised} is
 * published once for it; a condition still open only has its quantity and detail refreshed; an open alert of the
 * kind the check no longer finds is resolved. Two containers checking at once: the second insert of a key fails
 * on the primary key and its transaction (events included) rolls back, so a condition is still raised once.
 */
final class AlertBook {

    /** One condition a check found, keyed {@code REORDER:store:item} or {@code EXPIRY:store:batchId}. */
    record Condition(String key, String kind, String storeCode, String itemCode, String itemName, String unit,
            BigDecimal quantity, String detail, String batchId, String batchNumber, String expiryDate,
            BigDecimal reorderLevel, BigDecimal suggestedQuantity) {
    }

    private AlertBook() {
    }

    /** Raises, refreshes and resolves the alerts of {@code kind}; the events published, in raise order. */
    static List<StockAlertRaised> sync(EntityManager em, EventPublisher events, String kind, List<Condition> found,
            long nowMs) {
        Map<String, AlertEntity> known = new HashMap<>();
        for (AlertEntity a : em.createQuery("SELECT a FROM AlertEntity a WHERE a.kind = :kind", AlertEntity.class)
                .setParameter("kind", kind).getResultList()) {
            known.put(a.getAlertKey(), a);
        }
        List<StockAlertRaised> raised = new ArrayList<>();
        for (Condition c : found) {
            AlertEntity a = known.remove(c.key());
            boolean raise = a == null || a.getResolvedMs() != null;
            if (a == null) {
                a = new AlertEntity();
                a.setAlertKey(c.key());
                a.setKind(kind);
                a.setStoreCode(c.storeCode());
                a.setItemCode(c.itemCode());
                a.setBatchId(c.batchId());
                em.persist(a);
            }
            a.setQuantity(c.quantity());
            a.setDetail(c.detail());
            if (raise) {
                a.setRaisedMs(nowMs);
                a.setResolvedMs(null);
                StockAlertRaised event = event(c, nowMs);
                events.publish(em, StockAlertRaised.TYPE, "ph-item:" + c.itemCode(), event);
                raised.add(event);
            }
        }
        for (AlertEntity cleared : known.values()) {
            if (cleared.getResolvedMs() == null) {
                cleared.setResolvedMs(nowMs);
            }
        }
        em.flush();
        return raised;
    }

    private static StockAlertRaised event(Condition c, long nowMs) {
        StockAlertRaised e = new StockAlertRaised();
        e.alertKey = c.key();
        e.kind = c.kind();
        e.storeCode = c.storeCode();
        e.itemCode = c.itemCode();
        e.itemName = c.itemName();
        e.quantity = plain(c.quantity());
        e.unit = c.unit();
        e.reorderLevel = plain(c.reorderLevel());
        e.suggestedQuantity = plain(c.suggestedQuantity());
        e.batchNumber = c.batchNumber();
        e.expiryDate = c.expiryDate();
        e.raisedAt = Instant.ofEpochMilli(nowMs).toString();
        return e;
    }

    static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal v = value.stripTrailingZeros();
        return (v.signum() == 0 ? BigDecimal.ZERO : v).toPlainString();
    }
}
