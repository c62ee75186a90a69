package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bl_cash_close} (see the change log). */
@Entity
@Table(name = "bl_cash_close")
public class CashCloseEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "cashier", nullable = false)
    private String cashier;

    @Column(name = "business_day", nullable = false)
    private String businessDay;

    @Column(name = "expected_cash", nullable = false)
    private BigDecimal expectedCash;

    @Column(name = "counted_cash", nullable = false)
    private BigDecimal countedCash;

    @Column(name = "difference", nullable = false)
    private BigDecimal difference;

    @Column(name = "expected_card", nullable = false)
    private BigDecimal expectedCard;

    @Column(name = "expected_transfer", nullable = false)
    private BigDecimal expectedTransfer;

    @Column(name = "note")
    private String note;

    @Column(name = "closed_ms", nullable = false)
    private long closedMs;

    @Column(name = "closed_by", nullable = false)
    private String closedBy;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getCashier() {
        return cashier;
    }

    public void setCashier(String cashier) {
        this.cashier = cashier;
    }

    public String getBusinessDay() {
        return businessDay;
    }

    public void setBusinessDay(String businessDay) {
        this.businessDay = businessDay;
    }

    public BigDecimal getExpectedCash() {
        return expectedCash;
    }

    public void setExpectedCash(BigDecimal expectedCash) {
        this.expectedCash = expectedCash;
    }

    public BigDecimal getCountedCash() {
        return countedCash;
    }

    public void setCountedCash(BigDecimal countedCash) {
        this.countedCash = countedCash;
    }

    public BigDecimal getDifference() {
        return difference;
    }

    public void setDifference(BigDecimal difference) {
        this.difference = difference;
    }

    public BigDecimal getExpectedCard() {
        return expectedCard;
    }

    public void setExpectedCard(BigDecimal expectedCard) {
        this.expectedCard = expectedCard;
    }

    public BigDecimal getExpectedTransfer() {
        return expectedTransfer;
    }

    public void setExpectedTransfer(BigDecimal expectedTransfer) {
        this.expectedTransfer = expectedTransfer;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public long getClosedMs() {
        return closedMs;
    }

    public void setClosedMs(long closedMs) {
        this.closedMs = closedMs;
    }

    public String getClosedBy() {
        return closedBy;
    }

    public void setClosedBy(String closedBy) {
        this.closedBy = closedBy;
    }
}
