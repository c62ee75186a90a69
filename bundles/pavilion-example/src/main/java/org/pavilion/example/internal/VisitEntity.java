package org.pavilion.example.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "example_visit")
public class VisitEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "badge", nullable = false, length = 32)
    private String badge;

    @Column(name = "visitor_name", nullable = false, length = 200)
    private String visitorName;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "ward", nullable = false, length = 64)
    private String ward;

    @Column(name = "checked_in_ms", nullable = false)
    private long checkedInMs;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getBadge() { return badge; }
    public void setBadge(String badge) { this.badge = badge; }
    public String getVisitorName() { return visitorName; }
    public void setVisitorName(String visitorName) { this.visitorName = visitorName; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getWard() { return ward; }
    public void setWard(String ward) { this.ward = ward; }
    public long getCheckedInMs() { return checkedInMs; }
    public void setCheckedInMs(long checkedInMs) { this.checkedInMs = checkedInMs; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
}
