package org.pavilion.lab.internal.order;


import javax.persistence.*;

/** One status change of an order, item or specimen. Table {@code lab_order_history}. */
@Entity
@Table(name = "lab_order_history")
public class OrderHistoryEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "target_id")
    private String targetId;

    @Column(name = "status")
    private String status;

    @Column(name = "at_ms")
    private long atMs;

    @Column(name = "actor")
    private String actor;

    @Column(name = "detail")
    private String detail;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getTargetId() { return targetId; }
    public void setTargetId(String targetId) { this.targetId = targetId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getAtMs() { return atMs; }
    public void setAtMs(long atMs) { this.atMs = atMs; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
}
