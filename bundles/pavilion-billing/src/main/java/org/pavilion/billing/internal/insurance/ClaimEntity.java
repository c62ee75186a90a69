package org.pavilion.billing.internal.insurance;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_claim} (see the change log). */
@Entity
@Table(name = "bl_claim")
public class ClaimEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "number", nullable = false)
    private String number;

    @Column(name = "invoice_id", nullable = false)
    private String invoiceId;

    @Column(name = "policy_id", nullable = false)
    private String policyId;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "claimed_amount", nullable = false)
    private BigDecimal claimedAmount;

    @Column(name = "approved_amount")
    private BigDecimal approvedAmount;

    @Column(name = "reason")
    private String reason;

    @Column(name = "insurer_claim_id")
    private String insurerClaimId;

    @Column(name = "response_id")
    private String responseId;

    @Column(name = "submitted_ms", nullable = false)
    private long submittedMs;

    @Column(name = "submitted_by", nullable = false)
    private String submittedBy;

    @Column(name = "adjudicated_ms")
    private Long adjudicatedMs;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getInvoiceId() {
        return invoiceId;
    }

    public void setInvoiceId(String invoiceId) {
        this.invoiceId = invoiceId;
    }

    public String getPolicyId() {
        return policyId;
    }

    public void setPolicyId(String policyId) {
        this.policyId = policyId;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public BigDecimal getClaimedAmount() {
        return claimedAmount;
    }

    public void setClaimedAmount(BigDecimal claimedAmount) {
        this.claimedAmount = claimedAmount;
    }

    public BigDecimal getApprovedAmount() {
        return approvedAmount;
    }

    public void setApprovedAmount(BigDecimal approvedAmount) {
        this.approvedAmount = approvedAmount;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getInsurerClaimId() {
        return insurerClaimId;
    }

    public void setInsurerClaimId(String insurerClaimId) {
        this.insurerClaimId = insurerClaimId;
    }

    public String getResponseId() {
        return responseId;
    }

    public void setResponseId(String responseId) {
        this.responseId = responseId;
    }

    public long getSubmittedMs() {
        return submittedMs;
    }

    public void setSubmittedMs(long submittedMs) {
        this.submittedMs = submittedMs;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public void setSubmittedBy(String submittedBy) {
        this.submittedBy = submittedBy;
    }

    public Long getAdjudicatedMs() {
        return adjudicatedMs;
    }

    public void setAdjudicatedMs(Long adjudicatedMs) {
        this.adjudicatedMs = adjudicatedMs;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
