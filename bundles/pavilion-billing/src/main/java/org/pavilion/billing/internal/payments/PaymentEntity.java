package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bl_payment} (see the change log). */
@Entity
@Table(name = "bl_payment")
public class PaymentEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "receipt_number", nullable = false)
    private String receiptNumber;

    @Column(name = "invoice_id", nullable = false)
    private String invoiceId;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "method", nullable = false)
    private String method;

    @Column(name = "payer", nullable = false)
    private String payer;

    @Column(name = "amount", nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", nullable = false)
    private String currency;

    @Column(name = "reference")
    private String reference;

    @Column(name = "refund_of")
    private String refundOf;

    @Column(name = "reason")
    private String reason;

    @Column(name = "cashier", nullable = false)
    private String cashier;

    @Column(name = "received_ms", nullable = false)
    private long receivedMs;

    @Column(name = "business_day", nullable = false)
    private String businessDay;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getReceiptNumber() {
        return receiptNumber;
    }

    public void setReceiptNumber(String receiptNumber) {
        this.receiptNumber = receiptNumber;
    }

    public String getInvoiceId() {
        return invoiceId;
    }

    public void setInvoiceId(String invoiceId) {
        this.invoiceId = invoiceId;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getPayer() {
        return payer;
    }

    public void setPayer(String payer) {
        this.payer = payer;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public String getRefundOf() {
        return refundOf;
    }

    public void setRefundOf(String refundOf) {
        this.refundOf = refundOf;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getCashier() {
        return cashier;
    }

    public void setCashier(String cashier) {
        this.cashier = cashier;
    }

    public long getReceivedMs() {
        return receivedMs;
    }

    public void setReceivedMs(long receivedMs) {
        this.receivedMs = receivedMs;
    }

    public String getBusinessDay() {
        return businessDay;
    }

    public void setBusinessDay(String businessDay) {
        this.businessDay = businessDay;
    }
}
