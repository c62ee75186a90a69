package org.pavilion.lab.internal.result;

import java.math.BigDecimal;

import javax.persistence.*;

/** A result of an order item; a correction is a new row that supersedes the old. Table {@code lab_result}. */
@Entity
@Table(name = "lab_result")
public class ResultEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "item_id")
    private String itemId;

    @Column(name = "order_id")
    private String orderId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "test_code")
    private String testCode;

    @Column(name = "value_text")
    private String valueText;

    @Column(name = "value_num")
    private BigDecimal valueNum;

    @Column(name = "unit")
    private String unit;

    @Column(name = "entered_value")
    private String enteredValue;

    @Column(name = "entered_unit")
    private String enteredUnit;

    @Column(name = "reference_range")
    private String referenceRange;

    @Column(name = "flag")
    private String flag;

    @Column(name = "critical")
    private boolean critical;

    @Column(name = "comment")
    private String comment;

    @Column(name = "source")
    private String source;

    @Column(name = "status")
    private String status;

    @Column(name = "corrects_id")
    private String correctsId;

    @Column(name = "superseded")
    private boolean superseded;

    @Column(name = "entered_ms")
    private long enteredMs;

    @Column(name = "entered_by")
    private String enteredBy;

    @Column(name = "verified_ms")
    private Long verifiedMs;

    @Column(name = "verified_by")
    private String verifiedBy;

    @Column(name = "released_ms")
    private Long releasedMs;

    @Column(name = "observed_ms")
    private long observedMs;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getItemId() { return itemId; }
    public void setItemId(String itemId) { this.itemId = itemId; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getTestCode() { return testCode; }
    public void setTestCode(String testCode) { this.testCode = testCode; }
    public String getValueText() { return valueText; }
    public void setValueText(String valueText) { this.valueText = valueText; }
    public BigDecimal getValueNum() { return valueNum; }
    public void setValueNum(BigDecimal valueNum) { this.valueNum = valueNum; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public String getEnteredValue() { return enteredValue; }
    public void setEnteredValue(String enteredValue) { this.enteredValue = enteredValue; }
    public String getEnteredUnit() { return enteredUnit; }
    public void setEnteredUnit(String enteredUnit) { this.enteredUnit = enteredUnit; }
    public String getReferenceRange() { return referenceRange; }
    public void setReferenceRange(String referenceRange) { this.referenceRange = referenceRange; }
    public String getFlag() { return flag; }
    public void setFlag(String flag) { this.flag = flag; }
    public boolean isCritical() { return critical; }
    public void setCritical(boolean critical) { this.critical = critical; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCorrectsId() { return correctsId; }
    public void setCorrectsId(String correctsId) { this.correctsId = correctsId; }
    public boolean isSuperseded() { return superseded; }
    public void setSuperseded(boolean superseded) { this.superseded = superseded; }
    public long getEnteredMs() { return enteredMs; }
    public void setEnteredMs(long enteredMs) { this.enteredMs = enteredMs; }
    public String getEnteredBy() { return enteredBy; }
    public void setEnteredBy(String enteredBy) { this.enteredBy = enteredBy; }
    public Long getVerifiedMs() { return verifiedMs; }
    public void setVerifiedMs(Long verifiedMs) { this.verifiedMs = verifiedMs; }
    public String getVerifiedBy() { return verifiedBy; }
    public void setVerifiedBy(String verifiedBy) { this.verifiedBy = verifiedBy; }
    public Long getReleasedMs() { return releasedMs; }
    public void setReleasedMs(Long releasedMs) { this.releasedMs = releasedMs; }
    public long getObservedMs() { return observedMs; }
    public void setObservedMs(long observedMs) { this.observedMs = observedMs; }
    public int getVersion() { return version; }
}
