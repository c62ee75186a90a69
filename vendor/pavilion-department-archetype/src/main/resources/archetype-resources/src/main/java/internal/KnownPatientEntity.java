package ${package}.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A patient the EMR registered, as its PatientRegistered event told the department: referrals show the name without
 * asking the EMR. Keyed by MRN, so a redelivered event finds its row.
 */
@Entity
@Table(name = "${departmentName}_known_patient")
public class KnownPatientEntity {

    @Id
    @Column(name = "mrn", length = 64)
    private String mrn;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
}
