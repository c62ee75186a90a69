package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;

import javax.persistence.*;

/** One hand-over of a prescription's medicine to the patient. Table {@code ph_dispense}. */
@Entity
@Table(name = "ph_dispense")
public class DispenseEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "prescription_id")
    private String prescriptionId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "store_code")
    private String storeCode;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "quantity")
    private BigDecimal quantity;

    @Column(name = "quantity_returned")
    private BigDecimal quantityReturned;

    @Column(name = "dispensed_ms")
    private long dispensedMs;

    @Column(name = "dispensed_by")
    private String dispensedBy;

    @Column(name = "allergy_warning")
    private String allergyWarning;

    @Column(name = "override_reason")
    private String overrideReason;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPrescriptionId() { return prescriptionId; }
    public void setPrescriptionId(String prescriptionId) { this.prescriptionId = prescriptionId; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
    public BigDecimal getQuantityReturned() { return quantityReturned; }
    public void setQuantityReturned(BigDecimal quantityReturned) { this.quantityReturned = quantityReturned; }
    public long getDispensedMs() { return dispensedMs; }
    public void setDispensedMs(long dispensedMs) { this.dispensedMs = dispensedMs; }
    public String getDispensedBy() { return dispensedBy; }
    public void setDispensedBy(String dispensedBy) { this.dispensedBy = dispensedBy; }
    public String getAllergyWarning() { return allergyWarning; }
    public void setAllergyWarning(String allergyWarning) { this.allergyWarning = allergyWarning; }
    public String getOverrideReason() { return overrideReason; }
    public void setOverrideReason(String overrideReason) { this.overrideReason = overrideReason; }
    public int getVersion() { return version; }
}
