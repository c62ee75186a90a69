package org.pavilion.lab.internal.order;


import javax.persistence.*;

/** A specimen of an order; its id is printed as a barcode. Table {@code lab_specimen}. */
@Entity
@Table(name = "lab_specimen")
public class SpecimenEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "specimen_type")
    private String specimenType;

    @Column(name = "status")
    private String status;

    @Column(name = "collected_ms")
    private Long collectedMs;

    @Column(name = "collected_by")
    private String collectedBy;

    @Column(name = "received_ms")
    private Long receivedMs;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "rejected_reason")
    private String rejectedReason;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getSpecimenType() { return specimenType; }
    public void setSpecimenType(String specimenType) { this.specimenType = specimenType; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Long getCollectedMs() { return collectedMs; }
    public void setCollectedMs(Long collectedMs) { this.collectedMs = collectedMs; }
    public String getCollectedBy() { return collectedBy; }
    public void setCollectedBy(String collectedBy) { this.collectedBy = collectedBy; }
    public Long getReceivedMs() { return receivedMs; }
    public void setReceivedMs(Long receivedMs) { this.receivedMs = receivedMs; }
    public String getReceivedBy() { return receivedBy; }
    public void setReceivedBy(String receivedBy) { this.receivedBy = receivedBy; }
    public String getRejectedReason() { return rejectedReason; }
    public void setRejectedReason(String rejectedReason) { this.rejectedReason = rejectedReason; }
    public int getVersion() { return version; }
}
