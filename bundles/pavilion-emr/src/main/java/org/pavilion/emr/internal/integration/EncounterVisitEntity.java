package org.pavilion.emr.internal.integration;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An external visit number of an encounter (table emr_encounter_visit), unique per system: the same visit
 * number opens one encounter however often it arrives. Carries {@code mrn} so a merge moves it with the encounter.
 */
@Entity
@Table(name = "emr_encounter_visit")
public class EncounterVisitEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "encounter_id", nullable = false, length = 36)
    private String encounterId;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "visit_system", nullable = false, length = 100)
    private String visitSystem;

    @Column(name = "visit_number", nullable = false, length = 100)
    private String visitNumber;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getVisitSystem() { return visitSystem; }
    public void setVisitSystem(String visitSystem) { this.visitSystem = visitSystem; }
    public String getVisitNumber() { return visitNumber; }
    public void setVisitNumber(String visitNumber) { this.visitNumber = visitNumber; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
}
