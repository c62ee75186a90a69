package org.pavilion.lab.internal.order;


import javax.persistence.*;

/** One test of an order, with its status. Table {@code lab_order_item}. */
@Entity
@Table(name = "lab_order_item")
public class OrderItemEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "test_code")
    private String testCode;

    @Column(name = "panel_code")
    private String panelCode;

    @Column(name = "specimen_id")
    private String specimenId;

    @Column(name = "status")
    private String status;

    @Column(name = "status_ms")
    private long statusMs;

    @Column(name = "reject_reason")
    private String rejectReason;

    @Column(name = "completed_ms")
    private Long completedMs;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getTestCode() { return testCode; }
    public void setTestCode(String testCode) { this.testCode = testCode; }
    public String getPanelCode() { return panelCode; }
    public void setPanelCode(String panelCode) { this.panelCode = panelCode; }
    public String getSpecimenId() { return specimenId; }
    public void setSpecimenId(String specimenId) { this.specimenId = specimenId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getStatusMs() { return statusMs; }
    public void setStatusMs(long statusMs) { this.statusMs = statusMs; }
    public String getRejectReason() { return rejectReason; }
    public void setRejectReason(String rejectReason) { this.rejectReason = rejectReason; }
    public Long getCompletedMs() { return completedMs; }
    public void setCompletedMs(Long completedMs) { this.completedMs = completedMs; }
    public int getVersion() { return version; }
}
