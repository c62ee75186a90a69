package org.pavilion.emr.internal.record;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A coded diagnosis on the patient's problem list (table emr_diagnosis). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_diagnosis")
public class DiagnosisEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    @Column(name = "code", nullable = false, length = 8)
    private String code;

    @Column(name = "code_system", nullable = false, length = 32)
    private String codeSystem;

    @Column(name = "title", nullable = false, length = 300)
    private String title;

    @Column(name = "status", nullable = false, length = 10)
    private String status;

    @Column(name = "onset_date", length = 10)
    private String onsetDate;

    @Column(name = "note", length = 1000)
    private String note;

    @Column(name = "recorded_ms", nullable = false)
    private long recordedMs;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getCodeSystem() { return codeSystem; }
    public void setCodeSystem(String codeSystem) { this.codeSystem = codeSystem; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getOnsetDate() { return onsetDate; }
    public void setOnsetDate(String onsetDate) { this.onsetDate = onsetDate; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public long getRecordedMs() { return recordedMs; }
    public void setRecordedMs(long recordedMs) { this.recordedMs = recordedMs; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
}
