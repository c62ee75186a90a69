package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;

import javax.persistence.*;

/** A prescription in the dispensing queue. Table {@code ph_prescription}. */
@Entity
@Table(name = "ph_prescription")
public class PrescriptionEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "source")
    private String source;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "encounter_id")
    private String encounterId;

    @Column(name = "drug")
    private String drug;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "dose")
    private String dose;

    @Column(name = "route")
    private String route;

    @Column(name = "frequency")
    private String frequency;

    @Column(name = "duration_days")
    private Integer durationDays;

    @Column(name = "instructions")
    private String instructions;

    @Column(name = "quantity_prescribed")
    private BigDecimal quantityPrescribed;

    @Column(name = "quantity_dispensed")
    private BigDecimal quantityDispensed;

    @Column(name = "status")
    private String status;

    @Column(name = "prescriber")
    private String prescriber;

    @Column(name = "issued_ms")
    private long issuedMs;

    @Column(name = "received_ms")
    private long receivedMs;

    @Column(name = "stopped_ms")
    private Long stoppedMs;

    @Column(name = "stopped_by")
    private String stoppedBy;

    @Column(name = "placer_application")
    private String placerApplication;

    @Column(name = "placer_order_number")
    private String placerOrderNumber;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getDrug() { return drug; }
    public void setDrug(String drug) { this.drug = drug; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getDose() { return dose; }
    public void setDose(String dose) { this.dose = dose; }
    public String getRoute() { return route; }
    public void setRoute(String route) { this.route = route; }
    public String getFrequency() { return frequency; }
    public void setFrequency(String frequency) { this.frequency = frequency; }
    public Integer getDurationDays() { return durationDays; }
    public void setDurationDays(Integer durationDays) { this.durationDays = durationDays; }
    public String getInstructions() { return instructions; }
    public void setInstructions(String instructions) { this.instructions = instructions; }
    public BigDecimal getQuantityPrescribed() { return quantityPrescribed; }
    public void setQuantityPrescribed(BigDecimal quantityPrescribed) { this.quantityPrescribed = quantityPrescribed; }
    public BigDecimal getQuantityDispensed() { return quantityDispensed; }
    public void setQuantityDispensed(BigDecimal quantityDispensed) { this.quantityDispensed = quantityDispensed; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getPrescriber() { return prescriber; }
    public void setPrescriber(String prescriber) { this.prescriber = prescriber; }
    public long getIssuedMs() { return issuedMs; }
    public void setIssuedMs(long issuedMs) { this.issuedMs = issuedMs; }
    public long getReceivedMs() { return receivedMs; }
    public void setReceivedMs(long receivedMs) { this.receivedMs = receivedMs; }
    public Long getStoppedMs() { return stoppedMs; }
    public void setStoppedMs(Long stoppedMs) { this.stoppedMs = stoppedMs; }
    public String getStoppedBy() { return stoppedBy; }
    public void setStoppedBy(String stoppedBy) { this.stoppedBy = stoppedBy; }
    public String getPlacerApplication() { return placerApplication; }
    public void setPlacerApplication(String placerApplication) { this.placerApplication = placerApplication; }
    public String getPlacerOrderNumber() { return placerOrderNumber; }
    public void setPlacerOrderNumber(String placerOrderNumber) { this.placerOrderNumber = placerOrderNumber; }
    public int getVersion() { return version; }
}
