package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_discount} (see the change log). */
@Entity
@Table(name = "bl_discount")
public class DiscountEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "invoice_id", nullable = false)
    private String invoiceId;

    @Column(name = "line_id")
    private String lineId;

    @Column(name = "amount")
    private BigDecimal amount;

    @Column(name = "percent")
    private BigDecimal percent;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_ms", nullable = false)
    private long requestedMs;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_ms")
    private Long decidedMs;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getInvoiceId() {
        return invoiceId;
    }

    public void setInvoiceId(String invoiceId) {
        this.invoiceId = invoiceId;
    }

    public String getLineId() {
        return lineId;
    }

    public void setLineId(String lineId) {
        this.lineId = lineId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public BigDecimal getPercent() {
        return percent;
    }

    public void setPercent(BigDecimal percent) {
        this.percent = percent;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public void setRequestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
    }

    public long getRequestedMs() {
        return requestedMs;
    }

    public void setRequestedMs(long requestedMs) {
        this.requestedMs = requestedMs;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    public Long getDecidedMs() {
        return decidedMs;
    }

    public void setDecidedMs(Long decidedMs) {
        this.decidedMs = decidedMs;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
