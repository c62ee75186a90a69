package org.pavilion.pharmacy.internal.stocktake;

import javax.persistence.*;

/** A count sheet of one store. Table {@code ph_stock_take}. */
@Entity
@Table(name = "ph_stock_take")
public class StockTakeEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "store_code")
    private String storeCode;

    @Column(name = "status")
    private String status;

    @Column(name = "created_ms")
    private long createdMs;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "submitted_ms")
    private Long submittedMs;

    @Column(name = "submitted_by")
    private String submittedBy;

    @Column(name = "decided_ms")
    private Long decidedMs;

    @Column(name = "decided_by")
    private String decidedBy;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public Long getSubmittedMs() { return submittedMs; }
    public void setSubmittedMs(Long submittedMs) { this.submittedMs = submittedMs; }
    public String getSubmittedBy() { return submittedBy; }
    public void setSubmittedBy(String submittedBy) { this.submittedBy = submittedBy; }
    public Long getDecidedMs() { return decidedMs; }
    public void setDecidedMs(Long decidedMs) { this.decidedMs = decidedMs; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String decidedBy) { this.decidedBy = decidedBy; }
    public int getVersion() { return version; }
}
