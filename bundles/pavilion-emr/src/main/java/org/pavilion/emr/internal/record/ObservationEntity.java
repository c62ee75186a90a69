package org.pavilion.emr.internal.record;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One observation, e.g. a vital sign (table emr_observation). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_observation")
public class ObservationEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "value_num", nullable = false)
    private double valueNum;

    @Column(name = "unit_code", nullable = false, length = 16)
    private String unitCode;

    @Column(name = "effective_ms", nullable = false)
    private long effectiveMs;

    @Column(name = "recorded_ms", nullable = false)
    private long recordedMs;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public double getValueNum() { return valueNum; }
    public void setValueNum(double valueNum) { this.valueNum = valueNum; }
    public String getUnitCode() { return unitCode; }
    public void setUnitCode(String unitCode) { this.unitCode = unitCode; }
    public long getEffectiveMs() { return effectiveMs; }
    public void setEffectiveMs(long effectiveMs) { this.effectiveMs = effectiveMs; }
    public long getRecordedMs() { return recordedMs; }
    public void setRecordedMs(long recordedMs) { this.recordedMs = recordedMs; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
}
