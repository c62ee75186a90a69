package org.pavilion.emr.internal.record;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A pharmacy dispense applied to a prescription (table emr_prescription_dispense), keyed by the pharmacy's dispense
 * id so that a redelivered MedicationDispensed adds nothing twice. Linked to the patient by mrn, which a merge rewrites.
 */
@Entity
@Table(name = "emr_prescription_dispense")
public class PrescriptionDispenseEntity {

    @Id
    @Column(name = "dispense_id", nullable = false, length = 64)
    private String dispenseId;

    @Column(name = "prescription_id", nullable = false, length = 36)
    private String prescriptionId;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "quantity", nullable = false, precision = 19, scale = 3)
    private BigDecimal quantity;

    @Column(name = "unit", length = 30)
    private String unit;

    @Column(name = "dispensed_ms", nullable = false)
    private long dispensedMs;

    @Column(name = "applied_ms", nullable = false)
    private long appliedMs;

    public String getDispenseId() { return dispenseId; }
    public void setDispenseId(String dispenseId) { this.dispenseId = dispenseId; }
    public String getPrescriptionId() { return prescriptionId; }
    public void setPrescriptionId(String prescriptionId) { this.prescriptionId = prescriptionId; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public long getDispensedMs() { return dispensedMs; }
    public void setDispensedMs(long dispensedMs) { this.dispensedMs = dispensedMs; }
    public long getAppliedMs() { return appliedMs; }
    public void setAppliedMs(long appliedMs) { this.appliedMs = appliedMs; }
}
