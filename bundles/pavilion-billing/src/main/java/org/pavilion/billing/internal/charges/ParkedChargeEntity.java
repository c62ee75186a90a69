package org.pavilion.billing.internal.charges;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_parked_charge} (see the change log). */
@Entity
@Table(name = "bl_parked_charge")
public class ParkedChargeEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "source_type", nullable = false)
    private String sourceType;

    @Column(name = "source_id", nullable = false)
    private String sourceId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "price_code")
    private String priceCode;

    @Column(name = "quantity")
    private BigDecimal quantity;

    @Column(name = "service_date")
    private String serviceDate;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Lob
    @Column(name = "payload")
    private String payload;

    @Column(name = "received_ms", nullable = false)
    private long receivedMs;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "charge_id")
    private String chargeId;

    @Column(name = "resolved_ms")
    private Long resolvedMs;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "encounter_id")
    private String encounterId;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "resolution_note")
    private String resolutionNote;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSourceType() {
        return sourceType;
    }

    public void setSourceType(String sourceType) {
        this.sourceType = sourceType;
    }

    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getPriceCode() {
        return priceCode;
    }

    public void setPriceCode(String priceCode) {
        this.priceCode = priceCode;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public void setQuantity(BigDecimal quantity) {
        this.quantity = quantity;
    }

    public String getServiceDate() {
        return serviceDate;
    }

    public void setServiceDate(String serviceDate) {
        this.serviceDate = serviceDate;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public long getReceivedMs() {
        return receivedMs;
    }

    public void setReceivedMs(long receivedMs) {
        this.receivedMs = receivedMs;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getChargeId() {
        return chargeId;
    }

    public void setChargeId(String chargeId) {
        this.chargeId = chargeId;
    }

    public Long getResolvedMs() {
        return resolvedMs;
    }

    public void setResolvedMs(Long resolvedMs) {
        this.resolvedMs = resolvedMs;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public void setResolvedBy(String resolvedBy) {
        this.resolvedBy = resolvedBy;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public String getEncounterId() {
        return encounterId;
    }

    public void setEncounterId(String encounterId) {
        this.encounterId = encounterId;
    }

    public String getDoctorId() {
        return doctorId;
    }

    public void setDoctorId(String doctorId) {
        this.doctorId = doctorId;
    }

    public String getResolutionNote() {
        return resolutionNote;
    }

    public void setResolutionNote(String resolutionNote) {
        this.resolutionNote = resolutionNote;
    }
}
