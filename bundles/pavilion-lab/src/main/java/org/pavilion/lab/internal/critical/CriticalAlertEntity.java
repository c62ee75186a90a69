package org.pavilion.lab.internal.critical;


import javax.persistence.*;

/** A critical result waiting for a doctor's acknowledgement. Table {@code lab_critical_alert}. */
@Entity
@Table(name = "lab_critical_alert")
public class CriticalAlertEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "result_id")
    private String resultId;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "level")
    private int level;

    @Column(name = "notify")
    private String notify;

    @Column(name = "raised_ms")
    private long raisedMs;

    @Column(name = "escalate_at_ms")
    private Long escalateAtMs;

    @Column(name = "acknowledged_ms")
    private Long acknowledgedMs;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getResultId() { return resultId; }
    public void setResultId(String resultId) { this.resultId = resultId; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public int getLevel() { return level; }
    public void setLevel(int level) { this.level = level; }
    public String getNotify() { return notify; }
    public void setNotify(String notify) { this.notify = notify; }
    public long getRaisedMs() { return raisedMs; }
    public void setRaisedMs(long raisedMs) { this.raisedMs = raisedMs; }
    public Long getEscalateAtMs() { return escalateAtMs; }
    public void setEscalateAtMs(Long escalateAtMs) { this.escalateAtMs = escalateAtMs; }
    public Long getAcknowledgedMs() { return acknowledgedMs; }
    public void setAcknowledgedMs(Long acknowledgedMs) { this.acknowledgedMs = acknowledgedMs; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public void setAcknowledgedBy(String acknowledgedBy) { this.acknowledgedBy = acknowledgedBy; }
    public int getVersion() { return version; }
}
