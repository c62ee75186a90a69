package org.pavilion.emr.internal.record;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An encounter of a patient with the hospital (table emr_encounter). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_encounter")
public class EncounterEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "kind", nullable = false, length = 20)
    private String kind;

    @Column(name = "status", nullable = false, length = 12)
    private String status;

    @Column(name = "attending", nullable = false, length = 64)
    private String attending;

    /** ward^room^bed as the feed's PV1-3 named it; null when opened at the desk. */
    @Column(name = "location", length = 100)
    private String location;

    /** Where the patient was before the last transfer: where a cancelled transfer takes them back. */
    @Column(name = "previous_location", length = 100)
    private String previousLocation;

    @Column(name = "attending_name", length = 200)
    private String attendingName;

    @Column(name = "admitting", length = 64)
    private String admitting;

    @Column(name = "admitting_name", length = 200)
    private String admittingName;

    @Column(name = "reason", length = 500)
    private String reason;

    @Column(name = "opened_ms", nullable = false)
    private long openedMs;

    @Column(name = "opened_by", nullable = false, length = 64)
    private String openedBy;

    @Column(name = "closed_ms")
    private Long closedMs;

    @Column(name = "closed_by", length = 64)
    private String closedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getAttending() { return attending; }
    public void setAttending(String attending) { this.attending = attending; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getPreviousLocation() { return previousLocation; }
    public void setPreviousLocation(String previousLocation) { this.previousLocation = previousLocation; }
    public String getAttendingName() { return attendingName; }
    public void setAttendingName(String attendingName) { this.attendingName = attendingName; }
    public String getAdmitting() { return admitting; }
    public void setAdmitting(String admitting) { this.admitting = admitting; }
    public String getAdmittingName() { return admittingName; }
    public void setAdmittingName(String admittingName) { this.admittingName = admittingName; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getOpenedMs() { return openedMs; }
    public void setOpenedMs(long openedMs) { this.openedMs = openedMs; }
    public String getOpenedBy() { return openedBy; }
    public void setOpenedBy(String openedBy) { this.openedBy = openedBy; }
    public Long getClosedMs() { return closedMs; }
    public void setClosedMs(Long closedMs) { this.closedMs = closedMs; }
    public String getClosedBy() { return closedBy; }
    public void setClosedBy(String closedBy) { this.closedBy = closedBy; }
}
