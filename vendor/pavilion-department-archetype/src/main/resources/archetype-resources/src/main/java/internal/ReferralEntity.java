package ${package}.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A referral to the department; table {@code ${departmentName}_referral} of db/${departmentName}-changelog.xml. */
@Entity
@Table(name = "${departmentName}_referral")
public class ReferralEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "reason", nullable = false, length = 500)
    private String reason;

    @Column(name = "referred_by", nullable = false, length = 200)
    private String referredBy;

    @Column(name = "opened_ms", nullable = false)
    private long openedMs;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getReferredBy() { return referredBy; }
    public void setReferredBy(String referredBy) { this.referredBy = referredBy; }
    public long getOpenedMs() { return openedMs; }
    public void setOpenedMs(long openedMs) { this.openedMs = openedMs; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
}
