package org.pavilion.billing.internal.accounting;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code bl_journal_line} (see the change log). */
@Entity
@Table(name = "bl_journal_line")
@IdClass(JournalLineEntity.Key.class)
public class JournalLineEntity {

    @Id
    @Column(name = "entry_id", nullable = false)
    private String entryId;

    @Id
    @Column(name = "line_no", nullable = false)
    private int lineNo;

    @Column(name = "account", nullable = false)
    private String account;

    @Column(name = "debit", nullable = false)
    private BigDecimal debit;

    @Column(name = "credit", nullable = false)
    private BigDecimal credit;

    @Column(name = "department")
    private String department;

    @Column(name = "doctor_id")
    private String doctorId;

    public String getEntryId() {
        return entryId;
    }

    public void setEntryId(String entryId) {
        this.entryId = entryId;
    }

    public int getLineNo() {
        return lineNo;
    }

    public void setLineNo(int lineNo) {
        this.lineNo = lineNo;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public BigDecimal getDebit() {
        return debit;
    }

    public void setDebit(BigDecimal debit) {
        this.debit = debit;
    }

    public BigDecimal getCredit() {
        return credit;
    }

    public void setCredit(BigDecimal credit) {
        this.credit = credit;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getDoctorId() {
        return doctorId;
    }

    public void setDoctorId(String doctorId) {
        this.doctorId = doctorId;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String entryId;
        public int lineNo;

        public Key() {
        }

        public Key(String entryId, int lineNo) {
            this.entryId = entryId;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(entryId, k.entryId) && Objects.equals(lineNo, k.lineNo);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, lineNo);
        }
    }
}
