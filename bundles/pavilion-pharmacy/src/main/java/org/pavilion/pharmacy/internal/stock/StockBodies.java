package org.pavilion.pharmacy.internal.stock;

/** The JSON bodies of the stock endpoints (quantities are decimal strings, dates yyyy-MM-dd). */
public final class StockBodies {

    private StockBodies() {
    }

    /** POST /stock/receipts: opening stock or a donation, straight into a store. */
    public static class Receipt {
        public String storeCode;
        public String itemCode;
        public String batchNumber;
        public String expiryDate;
        public String quantity;
        /** Why it came in without a purchase order ("opening stock", "donation from ..."). */
        public String reason;
    }

    /** POST /stock/issues: to a ward or department that keeps no store of its own. */
    public static class Issue {
        public String storeCode;
        public String itemCode;
        public String quantity;
        /** Absent: first expiry, first out. */
        public String batchNumber;
        public String issuedTo;
    }

    /** POST /stock/transfers. */
    public static class Transfer {
        public String fromStore;
        public String toStore;
        public String itemCode;
        public String quantity;
        /** Absent: first expiry, first out. */
        public String batchNumber;
    }

    /** POST /stock/adjustments. */
    public static class Adjustment {
        public String storeCode;
        public String itemCode;
        public String batchNumber;
        /** Signed: + found, - broken, lost or recalled. */
        public String quantity;
        /** BREAKAGE, LOSS, FOUND, RECALL or OTHER. */
        public String reason;
        /** Required for OTHER. */
        public String note;
    }

    /** POST /stock/write-offs: the whole stock of an expired batch in a store. */
    public static class WriteOff {
        public String storeCode;
        public String itemCode;
        public String batchNumber;
    }
}
