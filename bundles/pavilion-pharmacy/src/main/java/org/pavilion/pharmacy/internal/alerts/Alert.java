package org.pavilion.pharmacy.internal.alerts;

/** An alert as {@code GET /alerts} shows it (docs/pharmacy-api.md); instants ISO-8601, quantity a decimal string. */
public class Alert {
    public String key;
    /** REORDER or EXPIRY. */
    public String kind;
    public String storeCode;
    public String itemCode;
    public String itemName;
    /** EXPIRY: the batch and its expiry date. */
    public String batchNumber;
    public String expiryDate;
    public String quantity;
    public String detail;
    public String raisedAt;
    /** Null while open. */
    public String resolvedAt;
}
