package org.pavilion.example.subscriber.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "example_board_entry")
public class BoardEntryEntity {

    @Id
    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "visit_id", nullable = false)
    private String visitId;

    @Column(name = "badge", nullable = false)
    private String badge;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "ward", nullable = false)
    private String ward;

    @Column(name = "received_ms", nullable = false)
    private long receivedMs;

    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public String getVisitId() { return visitId; }
    public void setVisitId(String visitId) { this.visitId = visitId; }
    public String getBadge() { return badge; }
    public void setBadge(String badge) { this.badge = badge; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getWard() { return ward; }
    public void setWard(String ward) { this.ward = ward; }
    public long getReceivedMs() { return receivedMs; }
    public void setReceivedMs(long receivedMs) { this.receivedMs = receivedMs; }
}
