package org.pavilion.pharmacy.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A scheduled check found an item below its reorder level in a store ({@code REORDER}), or a batch expiring within
 * the configured window ({@code EXPIRY}). Raised once per condition: a later run that still finds it does not raise it
 * again; once cleared and found again, it is raised again. Event type {@link #TYPE}.
 */
@ProviderType
public class StockAlertRaised {

    public static final String TYPE = "StockAlertRaised";

    /** REORDER:store:item or EXPIRY:store:batch; stable for one condition. */
    public String alertKey;
    /** REORDER or EXPIRY. */
    public String kind;
    public String storeCode;
    public String itemCode;
    public String itemName;
    /** REORDER: on hand; EXPIRY: the quantity of the batch in the store. */
    public String quantity;
    public String unit;
    /** REORDER: the item's reorder level in the store and the suggested order quantity. */
    public String reorderLevel;
    public String suggestedQuantity;
    /** EXPIRY: the batch and its ISO-8601 expiry date. */
    public String batchNumber;
    public String expiryDate;
    /** ISO-8601 instant. */
    public String raisedAt;
}
