package org.pavilion.emr.internal.integration;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An external system's identifier of a patient (table emr_patient_identifier), unique per system. Keyed to the
 * patient by {@code mrn} only, so a merge moves it to the survivor and GDPR export/erasure find it.
 */
@Entity
@Table(name = "emr_patient_identifier")
public class PatientIdentifierEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "id_system", nullable = false, length = 100)
    private String idSystem;

    @Column(name = "id_value", nullable = false, length = 100)
    private String idValue;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getIdSystem() { return idSystem; }
    public void setIdSystem(String idSystem) { this.idSystem = idSystem; }
    public String getIdValue() { return idValue; }
    public void setIdValue(String idValue) { this.idValue = idValue; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
}
