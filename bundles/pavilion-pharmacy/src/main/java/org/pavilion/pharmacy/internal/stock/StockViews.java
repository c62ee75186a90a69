package org.pavilion.pharmacy.internal.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON answers of the stock and ledger endpoints. */
public final class StockViews {

    private StockViews() {
    }

    /** An item's stock in one store. */
    public static class StockLine {
        public String storeCode;
        public String itemCode;
        public String itemName;
        public String unit;
        /** All batches, expired ones included. */
        public String onHand;
        /** Batches not expired today. */
        public String usable;
        /** Null when the store keeps no reorder rule for the item. */
        public String reorderLevel;
        /** Usable stock under the reorder level. */
        public boolean belowReorder;
        public List<BatchLine> batches = new ArrayList<>();
    }

    /** A batch's stock within a {@link StockLine}, first expiry first. */
    public static class BatchLine {
        public String batchNumber;
        public String expiryDate;
        public String quantity;
        /** EXPIRED, EXPIRING (within expiryWindowDays), OK, or NONE (no expiry). */
        public String expiry;
    }

    /** What one request posted: one reference for all its rows (a transfer's out and in, a FEFO split). */
    public static class Movements {
        public String referenceId;
        public List<Movement> movements = new ArrayList<>();
    }

    /** One ledger row. */
    public static class Movement {
        public String id;
        public String kind;
        public String storeCode;
        public String itemCode;
        public String batchNumber;
        public String expiryDate;
        /** Signed: + into the store, - out of it. */
        public String quantity;
        public String day;
        public String at;
        public String actor;
        public String reason;
        public String referenceType;
        public String referenceId;
        public String counterpart;

        /** The view of a ledger row and its batch. */
        public static Movement of(MovementEntity m, BatchEntity batch) {
            Movement v = new Movement();
            v.id = m.getId();
            v.kind = m.getKind();
            v.storeCode = m.getStoreCode();
            v.itemCode = m.getItemCode();
            v.batchNumber = batch == null ? null : batch.getBatchNumber();
            v.expiryDate = batch == null ? null : batch.getExpiryDate();
            v.quantity = Quantities.text(m.getQuantity());
            v.day = m.getBusinessDay();
            v.at = Instant.ofEpochMilli(m.getAtMs()).toString();
            v.actor = m.getActor();
            v.reason = m.getReason();
            v.referenceType = m.getReferenceType();
            v.referenceId = m.getReferenceId();
            v.counterpart = m.getCounterpart();
            return v;
        }
    }
}
