package org.pavilion.pharmacy.internal.stocktake;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The JSON bodies of the stock take endpoints, in and out. */
public final class StockTakeBodies {

    private StockTakeBodies() {
    }

    /** POST /stock-takes. */
    public static class Opening {
        public String storeCode;
    }

    /** One element of PUT /stock-takes/{id}/counts. */
    public static class Count {
        public String lineId;
        public BigDecimal counted;
    }

    public static class StockTake {
        public String id;
        public String storeCode;
        public String status;
        public String createdAt;
        public String createdBy;
        public String submittedAt;
        public String submittedBy;
        public String decidedAt;
        public String decidedBy;
        public int version;
        public List<Line> lines = new ArrayList<>();
    }

    public static class Line {
        public String id;
        public String itemCode;
        public String itemName;
        public String batchNumber;
        public String expiryDate;
        public BigDecimal expected;
        public BigDecimal counted;
        /** counted - expected; null until counted. */
        public BigDecimal variance;
        /** Beyond the contract, once APPROVED: what the approval posted (may differ from variance, see StockTakes). */
        public BigDecimal posted;
    }
}
