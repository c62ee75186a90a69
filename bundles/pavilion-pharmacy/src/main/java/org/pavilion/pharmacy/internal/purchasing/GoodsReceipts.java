package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.GoodsReceipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Receipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.ReceiptLine;
import org.pavilion.pharmacy.internal.stock.BatchEntity;
import org.pavilion.pharmacy.internal.stock.Batches;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * Deliveries against a sent purchase order. One receipt is one transaction: the receipt and its lines, the order
 * lines' received quantities, the order's status (PARTIALLY_RECEIVED or RECEIVED) and a RECEIPT movement per line
 * (reference GOODS_RECEIPT, the receipt's id) through {@link StockLedger}: all of it or nothing. The order's row is
 * locked for the transaction, so two deliveries booked at once against one order queue up and the second is checked
 * against what the first left open; its version is bumped too, so an order changed behind a caller's back is a 409.
 */
@Component(service = GoodsReceipts.class)
public class GoodsReceipts {

    private static final int MAX_LINES = 500;

    private final JpaTransactions jpa;
    private final StockLedger ledger;
    private final AuditService audit;
    private final LongSupplier clock;
    private final DeclaredConstraints constraints;

    @Activate
    public GoodsReceipts(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, @Reference AuditService audit, @Reference DeclaredConstraints constraints) {
        this(new JpaTransactions(emf), ledger, audit, System::currentTimeMillis, constraints);
    }

    public GoodsReceipts(JpaTransactions jpa, StockLedger ledger, AuditService audit, LongSupplier clock,
            DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = jpa;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Books a delivery. 409 unless the order is SENT or PARTIALLY_RECEIVED; 422 for a line of another order, a
     * quantity above what is still open on its line, a medicine without expiry, an expired or unknown batch.
     */
    public GoodsReceipt receive(String orderIdOrNumber, Receipt in) {
        constraints.check(in); // what Receipt declares (400); lines against the order (422) after
        String deliveryNote = Requests.text("deliveryNote", in.deliveryNote, 100);
        if (in.lines == null || in.lines.isEmpty()) {
            throw PharmacyProblems.unprocessable("a goods receipt needs at least one line");
        }
        if (in.lines.size() > MAX_LINES) {
            throw PharmacyProblems.unprocessable("a goods receipt has at most " + MAX_LINES + " lines");
        }
        String actor = Requests.actor();
        long now = clock.getAsLong();
        String[] number = new String[2];
        GoodsReceipt booked;
        try {
            booked = jpa.callAudited(audit, em -> {
                PurchaseOrderEntity order = PurchaseOrders.lockedForUpdate(em, orderIdOrNumber);
                number[0] = order.getNumber();
                number[1] = order.getId();
                PurchaseOrders.requireStatus(order, "receive goods", "SENT", "PARTIALLY_RECEIVED");
                Map<String, PurchaseOrderLineEntity> lines = new LinkedHashMap<>();
                Map<String, String> itemOfLine = new LinkedHashMap<>();
                for (PurchaseOrderLineEntity l : PurchaseOrderViews.lines(em, order.getId())) {
                    lines.put(l.getId(), l);
                    itemOfLine.put(l.getId(), l.getItemCode());
                }
                GoodsReceiptEntity receipt = new GoodsReceiptEntity();
                receipt.setId(UUID.randomUUID().toString());
                receipt.setPoId(order.getId());
                receipt.setDeliveryNote(deliveryNote);
                receipt.setReceivedMs(now);
                receipt.setReceivedBy(actor);
                em.persist(receipt);

                Map<String, BigDecimal> receivedNow = new HashMap<>();
                List<StockLedger.Movement> movements = new ArrayList<>();
                for (ReceiptLine rl : in.lines) {
                    PurchaseOrderLineEntity line = rl == null || rl.lineId == null ? null : lines.get(rl.lineId.strip());
                    if (line == null) {
                        throw PharmacyProblems.unprocessable("line " + (rl == null ? null : rl.lineId)
                                + " is not a line of purchase order " + order.getNumber());
                    }
                    BigDecimal quantity = Requests.positive("the quantity received of " + line.getItemCode(), rl.quantity);
                    BigDecimal total = receivedNow.merge(line.getId(), quantity, BigDecimal::add);
                    BigDecimal open = line.getQuantityOrdered().subtract(line.getQuantityReceived());
                    if (total.compareTo(open) > 0) {
                        throw new ProblemException(422, "over-receipt", "More than ordered", "purchase order "
                                + order.getNumber() + " has " + plain(open) + " of " + line.getItemCode()
                                + " still to receive (" + plain(line.getQuantityOrdered()) + " ordered, "
                                + plain(line.getQuantityReceived()) + " received): " + plain(total) + " delivered",
                                Map.of("lineId", line.getId(), "itemCode", line.getItemCode(), "open", open.toPlainString()));
                    }
                    BatchEntity batch = Batches.findOrCreate(em, line.getItemCode(), rl.batchNumber, rl.expiryDate, now);
                    ReceiptLineEntity row = new ReceiptLineEntity();
                    row.setId(UUID.randomUUID().toString());
                    row.setReceiptId(receipt.getId());
                    row.setPoLineId(line.getId());
                    row.setBatchId(batch.getId());
                    row.setQuantity(quantity);
                    em.persist(row);
                    movements.add(new StockLedger.Movement(MovementKind.RECEIPT, order.getStoreCode(),
                            line.getItemCode(), batch.getId(), quantity, null, "GOODS_RECEIPT", receipt.getId(),
                            order.getSupplierId()));
                }
                receivedNow.forEach((lineId, q) -> {
                    PurchaseOrderLineEntity line = lines.get(lineId);
                    line.setQuantityReceived(line.getQuantityReceived().add(q));
                });
                boolean complete = lines.values().stream()
                        .allMatch(l -> l.getQuantityReceived().compareTo(l.getQuantityOrdered()) >= 0);
                order.setStatus(complete ? "RECEIVED" : "PARTIALLY_RECEIVED");
                if (complete) {
                    order.setClosedMs(now);
                }
                em.lock(order, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
                ledger.post(em, actor, now, movements);
                return new PurchaseOrderViews(em).receipt(receipt, itemOfLine);
            }, done -> AuditEvent.of("UPDATE", PurchaseOrders.RESOURCE).resourceId(number[1])
                    .detail(number[0] + ": goods receipt " + done.id
                            + (deliveryNote == null ? "" : ", delivery note " + deliveryNote) + ": " + done.lines.size()
                            + " lines").build());
        } catch (PersistenceException e) {
            if (Requests.isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Purchase order " + (number[0] == null ? orderIdOrNumber : number[0]));
            }
            if (Requests.isUniqueViolation(e)) {
                // another delivery brought the first units of the same new batch at the same moment (possibly on
                // another order): the batch row exists now, booking this delivery again will find it
                throw ProblemException.conflict("another delivery created one of these batches at the same moment:"
                        + " book this delivery again");
            }
            throw e;
        }
        return booked;
    }

    private static String plain(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }
}
