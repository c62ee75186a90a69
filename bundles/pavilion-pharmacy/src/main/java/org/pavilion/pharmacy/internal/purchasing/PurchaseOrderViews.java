package org.pavilion.pharmacy.internal.purchasing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.GoodsReceipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.GoodsReceiptLine;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.PurchaseOrder;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.PurchaseOrderLine;
import org.pavilion.pharmacy.internal.stock.BatchEntity;

/** Purchase orders as the REST answers show them: lines with item names, receipts with their batches. */
final class PurchaseOrderViews {

    private final EntityManager em;
    private final Map<String, String> itemNames = new HashMap<>();

    PurchaseOrderViews(EntityManager em) {
        this.em = em;
    }

    static List<PurchaseOrderLineEntity> lines(EntityManager em, String orderId) {
        return em.createQuery("SELECT l FROM PurchaseOrderLineEntity l WHERE l.poId = :o ORDER BY l.position",
                PurchaseOrderLineEntity.class).setParameter("o", orderId).getResultList();
    }

    PurchaseOrder order(PurchaseOrderEntity o) {
        PurchaseOrder d = new PurchaseOrder();
        d.id = o.getId();
        d.number = o.getNumber();
        d.supplierId = o.getSupplierId();
        SupplierEntity supplier = em.find(SupplierEntity.class, o.getSupplierId());
        d.supplierName = supplier == null ? null : supplier.getName();
        d.storeCode = o.getStoreCode();
        d.status = o.getStatus();
        d.origin = o.getOrigin();
        d.note = o.getNote();
        d.createdAt = Requests.instant(o.getCreatedMs());
        d.createdBy = o.getCreatedBy();
        d.sentAt = Requests.instant(o.getSentMs());
        d.cancelReason = o.getCancelReason();
        d.closedAt = Requests.instant(o.getClosedMs());
        d.version = o.getVersion();
        Map<String, String> itemOfLine = new LinkedHashMap<>();
        for (PurchaseOrderLineEntity l : lines(em, o.getId())) {
            PurchaseOrderLine v = new PurchaseOrderLine();
            v.id = l.getId();
            v.itemCode = l.getItemCode();
            v.itemName = itemName(l.getItemCode());
            v.quantityOrdered = l.getQuantityOrdered();
            v.quantityReceived = l.getQuantityReceived();
            v.unitPrice = l.getUnitPrice();
            d.lines.add(v);
            itemOfLine.put(l.getId(), l.getItemCode());
        }
        for (GoodsReceiptEntity r : em.createQuery("SELECT r FROM GoodsReceiptEntity r WHERE r.poId = :o"
                + " ORDER BY r.receivedMs, r.id", GoodsReceiptEntity.class).setParameter("o", o.getId()).getResultList()) {
            d.receipts.add(receipt(r, itemOfLine));
        }
        return d;
    }

    /** A receipt; {@code itemOfLine}: the order's line ids in order, to their items. */
    GoodsReceipt receipt(GoodsReceiptEntity r, Map<String, String> itemOfLine) {
        List<String> lineOrder = new ArrayList<>(itemOfLine.keySet());
        GoodsReceipt g = new GoodsReceipt();
        g.id = r.getId();
        g.deliveryNote = r.getDeliveryNote();
        g.receivedAt = Requests.instant(r.getReceivedMs());
        g.receivedBy = r.getReceivedBy();
        for (ReceiptLineEntity rl : em.createQuery("SELECT l FROM ReceiptLineEntity l WHERE l.receiptId = :r",
                ReceiptLineEntity.class).setParameter("r", r.getId()).getResultList()) {
            GoodsReceiptLine v = new GoodsReceiptLine();
            v.lineId = rl.getPoLineId();
            v.itemCode = itemOfLine.get(rl.getPoLineId());
            BatchEntity b = em.find(BatchEntity.class, rl.getBatchId());
            v.batchNumber = b.getBatchNumber();
            v.expiryDate = b.getExpiryDate();
            v.quantity = rl.getQuantity();
            g.lines.add(v);
        }
        g.lines.sort(Comparator.comparingInt((GoodsReceiptLine l) -> lineOrder.indexOf(l.lineId))
                .thenComparing(l -> l.batchNumber));
        return g;
    }

    private String itemName(String code) {
        return itemNames.computeIfAbsent(code, c -> {
            ItemEntity i = em.find(ItemEntity.class, c);
            return i == null ? null : i.getName();
        });
    }
}
