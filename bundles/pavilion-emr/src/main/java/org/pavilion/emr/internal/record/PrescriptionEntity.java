package org.pavilion.emr.internal.record;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A prescription (table emr_prescription). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_prescription")
public class PrescriptionEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    @Column(name = "drug", nullable = false, length = 200)
    private String drug;

    /** The pharmacy catalogue's item code when prescribed from it; null for free text. */
    @Column(name = "drug_code", length = 40)
    private String drugCode;

    @Column(name = "dose", nullable = false, length = 100)
    private String dose;

    @Column(name = "route", nullable = false, length = 12)
    private String route;

    @Column(name = "frequency", nullable = false, length = 100)
    private String frequency;

    @Column(name = "duration_days", nullable = false)
    private int durationDays;

    @Column(name = "instructions", length = 1000)
    private String instructions;

    @Column(name = "status", nullable = false, length = 8)
    private String status;

    @Column(name = "start_date", nullable = false, length = 10)
    private String startDate;

    @Column(name = "issued_ms", nullable = false)
    private long issuedMs;

    @Column(name = "prescriber", nullable = false, length = 64)
    private String prescriber;

    @Column(name = "stopped_ms")
    private Long stoppedMs;

    @Column(name = "stopped_by", length = 64)
    private String stoppedBy;

    /** What the pharmacy dispensed so far (its MedicationDispensed events), in dispensedUnit; null: nothing yet. */
    @Column(name = "dispensed_quantity", precision = 19, scale = 3)
    private BigDecimal dispensedQuantity;

    @Column(name = "dispensed_unit", length = 30)
    private String dispensedUnit;

    @Column(name = "last_dispensed_ms")
    private Long lastDispensedMs;

    /** The pharmacy said the prescription is fully dispensed. */
    @Column(name = "fully_dispensed", nullable = false)
    private boolean fullyDispensed;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getDrug() { return drug; }
    public void setDrug(String drug) { this.drug = drug; }
    public String getDrugCode() { return drugCode; }
    public void setDrugCode(String drugCode) { this.drugCode = drugCode; }
    public String getDose() { return dose; }
    public void setDose(String dose) { this.dose = dose; }
    public String getRoute() { return route; }
    public void setRoute(String route) { this.route = route; }
    public String getFrequency() { return frequency; }
    public void setFrequency(String frequency) { this.frequency = frequency; }
    public int getDurationDays() { return durationDays; }
    public void setDurationDays(int durationDays) { this.durationDays = durationDays; }
    public String getInstructions() { return instructions; }
    public void setInstructions(String instructions) { this.instructions = instructions; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }
    public long getIssuedMs() { return issuedMs; }
    public void setIssuedMs(long issuedMs) { this.issuedMs = issuedMs; }
    public String getPrescriber() { return prescriber; }
    public void setPrescriber(String prescriber) { this.prescriber = prescriber; }
    public Long getStoppedMs() { return stoppedMs; }
    public void setStoppedMs(Long stoppedMs) { this.stoppedMs = stoppedMs; }
    public String getStoppedBy() { return stoppedBy; }
    public void setStoppedBy(String stoppedBy) { this.stoppedBy = stoppedBy; }
    public BigDecimal getDispensedQuantity() { return dispensedQuantity; }
    public void setDispensedQuantity(BigDecimal dispensedQuantity) { this.dispensedQuantity = dispensedQuantity; }
    public String getDispensedUnit() { return dispensedUnit; }
    public void setDispensedUnit(String dispensedUnit) { this.dispensedUnit = dispensedUnit; }
    public Long getLastDispensedMs() { return lastDispensedMs; }
    public void setLastDispensedMs(Long lastDispensedMs) { this.lastDispensedMs = lastDispensedMs; }
    public boolean isFullyDispensed() { return fullyDispensed; }
    public void setFullyDispensed(boolean fullyDispensed) { this.fullyDispensed = fullyDispensed; }
}
