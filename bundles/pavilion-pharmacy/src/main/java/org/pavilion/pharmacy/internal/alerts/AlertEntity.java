package org.pavilion.pharmacy.internal.alerts;

import java.math.BigDecimal;

import javax.persistence.*;

/** An open or resolved reorder or expiry alert. Table {@code ph_alert}. */
@Entity
@Table(name = "ph_alert")
public class AlertEntity {

    @Id
    @Column(name = "alert_key")
    private String alertKey;

    @Column(name = "kind")
    private String kind;

    @Column(name = "store_code")
    private String storeCode;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "quantity")
    private BigDecimal quantity;

    @Column(name = "detail")
    private String detail;

    @Column(name = "raised_ms")
    private long raisedMs;

    @Column(name = "resolved_ms")
    private Long resolvedMs;

    public String getAlertKey() { return alertKey; }
    public void setAlertKey(String alertKey) { this.alertKey = alertKey; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getBatchId() { return batchId; }
    public void setBatchId(String batchId) { this.batchId = batchId; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    public long getRaisedMs() { return raisedMs; }
    public void setRaisedMs(long raisedMs) { this.raisedMs = raisedMs; }
    public Long getResolvedMs() { return resolvedMs; }
    public void setResolvedMs(Long resolvedMs) { this.resolvedMs = resolvedMs; }
}
