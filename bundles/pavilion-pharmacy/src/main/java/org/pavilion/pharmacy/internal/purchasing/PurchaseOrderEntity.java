package org.pavilion.pharmacy.internal.purchasing;

import javax.persistence.*;

/** A purchase order to a supplier. Table {@code ph_purchase_order}. */
@Entity
@Table(name = "ph_purchase_order")
public class PurchaseOrderEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "number")
    private String number;

    @Column(name = "supplier_id")
    private String supplierId;

    @Column(name = "store_code")
    private String storeCode;

    @Column(name = "status")
    private String status;

    @Column(name = "origin")
    private String origin;

    @Column(name = "note")
    private String note;

    @Column(name = "created_ms")
    private long createdMs;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "sent_ms")
    private Long sentMs;

    @Column(name = "closed_ms")
    private Long closedMs;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public String getSupplierId() { return supplierId; }
    public void setSupplierId(String supplierId) { this.supplierId = supplierId; }
    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public Long getSentMs() { return sentMs; }
    public void setSentMs(Long sentMs) { this.sentMs = sentMs; }
    public Long getClosedMs() { return closedMs; }
    public void setClosedMs(Long closedMs) { this.closedMs = closedMs; }
    public String getCancelReason() { return cancelReason; }
    public void setCancelReason(String cancelReason) { this.cancelReason = cancelReason; }
    public int getVersion() { return version; }
}
