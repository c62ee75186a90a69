package org.pavilion.pharmacy.internal.soap;

import java.util.ArrayList;
import java.util.List;

/**
 * The SOAP answer of {@code stockOf}: an item's stock per store and batch, with the totals. Quantities are decimal
 * strings in the item's unit of issue; {@code usable} leaves out batches expired before today (hospital's zone).
 */
public class ItemStock {
    public String itemCode;
    public String itemName;
    public String unit;
    public boolean active;
    public String onHand;
    public String usable;
    public List<StoreStock> stores = new ArrayList<>();

    /** The item in one store. */
    public static class StoreStock {
        public String storeCode;
        public String storeName;
        public String onHand;
        public String usable;
        public List<BatchStock> batches = new ArrayList<>();
    }

    /** One batch in one store, first expiry first. */
    public static class BatchStock {
        public String batchNumber;
        /** yyyy-MM-dd; absent for items without expiry. */
        public String expiryDate;
        public String quantity;
        public boolean expired;
    }
}
