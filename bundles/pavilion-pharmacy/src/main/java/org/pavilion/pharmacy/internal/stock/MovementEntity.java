package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;

import javax.persistence.*;

/** One row of the append-only stock ledger; never updated. Table {@code ph_movement}. */
@Entity
@Table(name = "ph_movement")
public class MovementEntity {

    @Id
    @Column(name = "id")
    private String id;

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

    @Column(name = "business_day")
    private String businessDay;

    @Column(name = "at_ms")
    private long atMs;

    @Column(name = "actor")
    private String actor;

    @Column(name = "reason")
    private String reason;

    @Column(name = "reference_type")
    private String referenceType;

    @Column(name = "reference_id")
    private String referenceId;

    @Column(name = "counterpart")
    private String counterpart;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
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
    public String getBusinessDay() { return businessDay; }
    public void setBusinessDay(String businessDay) { this.businessDay = businessDay; }
    public long getAtMs() { return atMs; }
    public void setAtMs(long atMs) { this.atMs = atMs; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getReferenceType() { return referenceType; }
    public void setReferenceType(String referenceType) { this.referenceType = referenceType; }
    public String getReferenceId() { return referenceId; }
    public void setReferenceId(String referenceId) { this.referenceId = referenceId; }
    public String getCounterpart() { return counterpart; }
    public void setCounterpart(String counterpart) { this.counterpart = counterpart; }
}
