package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_invoice} (see the change log). */
@Entity
@Table(name = "bl_invoice")
public class InvoiceEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "number")
    private String number;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "credited_invoice_id")
    private String creditedInvoiceId;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "encounter_id")
    private String encounterId;

    @Column(name = "period_from")
    private String periodFrom;

    @Column(name = "period_to")
    private String periodTo;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "currency", nullable = false)
    private String currency;

    @Column(name = "net_total", nullable = false)
    private BigDecimal netTotal;

    @Column(name = "discount_total", nullable = false)
    private BigDecimal discountTotal;

    @Column(name = "tax_total", nullable = false)
    private BigDecimal taxTotal;

    @Column(name = "gross_total", nullable = false)
    private BigDecimal grossTotal;

    @Column(name = "insurance_share", nullable = false)
    private BigDecimal insuranceShare;

    @Column(name = "patient_share", nullable = false)
    private BigDecimal patientShare;

    @Column(name = "paid_by_patient", nullable = false)
    private BigDecimal paidByPatient;

    @Column(name = "paid_by_insurance", nullable = false)
    private BigDecimal paidByInsurance;

    @Column(name = "policy_id")
    private String policyId;

    @Column(name = "due_date")
    private String dueDate;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "issued_ms")
    private Long issuedMs;

    @Column(name = "issued_by")
    private String issuedBy;

    @Column(name = "void_reason")
    private String voidReason;

    @Column(name = "voided_ms")
    private Long voidedMs;

    @Column(name = "voided_by")
    private String voidedBy;

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

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getCreditedInvoiceId() {
        return creditedInvoiceId;
    }

    public void setCreditedInvoiceId(String creditedInvoiceId) {
        this.creditedInvoiceId = creditedInvoiceId;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getEncounterId() {
        return encounterId;
    }

    public void setEncounterId(String encounterId) {
        this.encounterId = encounterId;
    }

    public String getPeriodFrom() {
        return periodFrom;
    }

    public void setPeriodFrom(String periodFrom) {
        this.periodFrom = periodFrom;
    }

    public String getPeriodTo() {
        return periodTo;
    }

    public void setPeriodTo(String periodTo) {
        this.periodTo = periodTo;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public BigDecimal getNetTotal() {
        return netTotal;
    }

    public void setNetTotal(BigDecimal netTotal) {
        this.netTotal = netTotal;
    }

    public BigDecimal getDiscountTotal() {
        return discountTotal;
    }

    public void setDiscountTotal(BigDecimal discountTotal) {
        this.discountTotal = discountTotal;
    }

    public BigDecimal getTaxTotal() {
        return taxTotal;
    }

    public void setTaxTotal(BigDecimal taxTotal) {
        this.taxTotal = taxTotal;
    }

    public BigDecimal getGrossTotal() {
        return grossTotal;
    }

    public void setGrossTotal(BigDecimal grossTotal) {
        this.grossTotal = grossTotal;
    }

    public BigDecimal getInsuranceShare() {
        return insuranceShare;
    }

    public void setInsuranceShare(BigDecimal insuranceShare) {
        this.insuranceShare = insuranceShare;
    }

    public BigDecimal getPatientShare() {
        return patientShare;
    }

    public void setPatientShare(BigDecimal patientShare) {
        this.patientShare = patientShare;
    }

    public BigDecimal getPaidByPatient() {
        return paidByPatient;
    }

    public void setPaidByPatient(BigDecimal paidByPatient) {
        this.paidByPatient = paidByPatient;
    }

    public BigDecimal getPaidByInsurance() {
        return paidByInsurance;
    }

    public void setPaidByInsurance(BigDecimal paidByInsurance) {
        this.paidByInsurance = paidByInsurance;
    }

    public String getPolicyId() {
        return policyId;
    }

    public void setPolicyId(String policyId) {
        this.policyId = policyId;
    }

    public String getDueDate() {
        return dueDate;
    }

    public void setDueDate(String dueDate) {
        this.dueDate = dueDate;
    }

    public long getCreatedMs() {
        return createdMs;
    }

    public void setCreatedMs(long createdMs) {
        this.createdMs = createdMs;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Long getIssuedMs() {
        return issuedMs;
    }

    public void setIssuedMs(Long issuedMs) {
        this.issuedMs = issuedMs;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public void setIssuedBy(String issuedBy) {
        this.issuedBy = issuedBy;
    }

    public String getVoidReason() {
        return voidReason;
    }

    public void setVoidReason(String voidReason) {
        this.voidReason = voidReason;
    }

    public Long getVoidedMs() {
        return voidedMs;
    }

    public void setVoidedMs(Long voidedMs) {
        this.voidedMs = voidedMs;
    }

    public String getVoidedBy() {
        return voidedBy;
    }

    public void setVoidedBy(String voidedBy) {
        this.voidedBy = voidedBy;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
