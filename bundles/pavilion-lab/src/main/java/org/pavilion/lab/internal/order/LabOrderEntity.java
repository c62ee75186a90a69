package org.pavilion.lab.internal.order;


import javax.persistence.*;

/** A doctor's lab order for a patient. Table {@code lab_order}. */
@Entity
@Table(name = "lab_order")
public class LabOrderEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "order_number")
    private String orderNumber;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "encounter_id")
    private String encounterId;

    @Column(name = "ordering_doctor")
    private String orderingDoctor;

    @Column(name = "priority")
    private String priority;

    @Column(name = "clinical_note")
    private String clinicalNote;

    @Column(name = "status")
    private String status;

    @Column(name = "placed_ms")
    private long placedMs;

    @Column(name = "placed_by")
    private String placedBy;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "external_system")
    private String externalSystem;

    @Column(name = "external_id")
    private String externalId;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrderNumber() { return orderNumber; }
    public void setOrderNumber(String orderNumber) { this.orderNumber = orderNumber; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getOrderingDoctor() { return orderingDoctor; }
    public void setOrderingDoctor(String orderingDoctor) { this.orderingDoctor = orderingDoctor; }
    public String getPriority() { return priority; }
    public void setPriority(String priority) { this.priority = priority; }
    public String getClinicalNote() { return clinicalNote; }
    public void setClinicalNote(String clinicalNote) { this.clinicalNote = clinicalNote; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getPlacedMs() { return placedMs; }
    public void setPlacedMs(long placedMs) { this.placedMs = placedMs; }
    public String getPlacedBy() { return placedBy; }
    public void setPlacedBy(String placedBy) { this.placedBy = placedBy; }
    public String getCancelReason() { return cancelReason; }
    public void setCancelReason(String cancelReason) { this.cancelReason = cancelReason; }
    public String getExternalSystem() { return externalSystem; }
    public void setExternalSystem(String externalSystem) { this.externalSystem = externalSystem; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public int getVersion() { return version; }
}
