package org.pavilion.pharmacy.internal.stocktake;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.stock.BatchEntity;
import org.pavilion.pharmacy.internal.stock.MovementEntity;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Line;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.StockTake;

/** Stock takes as the REST answers show them: lines by item, then first expiry, with names and variances. */
final class StockTakeViews {

    private final EntityManager em;
    private final Map<String, String> itemNames = new HashMap<>();

    StockTakeViews(EntityManager em) {
        this.em = em;
    }

    /** The sheet's lines in the order a counter walks the shelves: by item, first expiry first. */
    static List<CountLineEntity> lines(EntityManager em, String takeId) {
        return em.createQuery("SELECT l FROM CountLineEntity l, BatchEntity b WHERE b.id = l.batchId"
                + " AND l.stockTakeId = :t ORDER BY l.itemCode, b.expiryDate, b.batchNumber", CountLineEntity.class)
                .setParameter("t", takeId).getResultList();
    }

    StockTake take(StockTakeEntity t) {
        StockTake d = new StockTake();
        d.id = t.getId();
        d.storeCode = t.getStoreCode();
        d.status = t.getStatus();
        d.createdAt = StockTakes.instant(t.getCreatedMs());
        d.createdBy = t.getCreatedBy();
        d.submittedAt = StockTakes.instant(t.getSubmittedMs());
        d.submittedBy = t.getSubmittedBy();
        d.decidedAt = StockTakes.instant(t.getDecidedMs());
        d.decidedBy = t.getDecidedBy();
        d.version = t.getVersion();
        Map<String, BigDecimal> posted = new HashMap<>();
        if ("APPROVED".equals(t.getStatus())) {
            for (MovementEntity m : em.createQuery("SELECT m FROM MovementEntity m WHERE m.referenceId = :t"
                    + " AND m.referenceType = 'STOCK_TAKE'", MovementEntity.class).setParameter("t", t.getId())
                    .getResultList()) {
                posted.merge(m.getBatchId(), m.getQuantity(), BigDecimal::add);
            }
        }
        for (CountLineEntity l : lines(em, t.getId())) {
            Line v = new Line();
            v.id = l.getId();
            v.itemCode = l.getItemCode();
            v.itemName = itemNames.computeIfAbsent(l.getItemCode(), c -> {
                ItemEntity i = em.find(ItemEntity.class, c);
                return i == null ? null : i.getName();
            });
            BatchEntity b = em.find(BatchEntity.class, l.getBatchId());
            v.batchNumber = b.getBatchNumber();
            v.expiryDate = b.getExpiryDate();
            v.expected = l.getExpected();
            v.counted = l.getCounted();
            v.variance = l.getCounted() == null ? null : l.getCounted().subtract(l.getExpected());
            if ("APPROVED".equals(t.getStatus())) {
                v.posted = posted.getOrDefault(l.getBatchId(), BigDecimal.ZERO);
            }
            d.lines.add(v);
        }
        return d;
    }
}
