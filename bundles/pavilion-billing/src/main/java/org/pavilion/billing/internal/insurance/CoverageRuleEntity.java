package org.pavilion.billing.internal.insurance;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code bl_coverage_rule} (see the change log). */
@Entity
@Table(name = "bl_coverage_rule")
@IdClass(CoverageRuleEntity.Key.class)
public class CoverageRuleEntity {

    @Id
    @Column(name = "plan_code", nullable = false)
    private String planCode;

    @Id
    @Column(name = "category", nullable = false)
    private String category;

    @Column(name = "covered_percent", nullable = false)
    private BigDecimal coveredPercent;

    @Column(name = "copay", nullable = false)
    private BigDecimal copay;

    @Column(name = "annual_limit")
    private BigDecimal annualLimit;

    public String getPlanCode() {
        return planCode;
    }

    public void setPlanCode(String planCode) {
        this.planCode = planCode;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public BigDecimal getCoveredPercent() {
        return coveredPercent;
    }

    public void setCoveredPercent(BigDecimal coveredPercent) {
        this.coveredPercent = coveredPercent;
    }

    public BigDecimal getCopay() {
        return copay;
    }

    public void setCopay(BigDecimal copay) {
        this.copay = copay;
    }

    public BigDecimal getAnnualLimit() {
        return annualLimit;
    }

    public void setAnnualLimit(BigDecimal annualLimit) {
        this.annualLimit = annualLimit;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String planCode;
        public String category;

        public Key() {
        }

        public Key(String planCode, String category) {
            this.planCode = planCode;
            this.category = category;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planCode, k.planCode) && Objects.equals(category, k.category);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planCode, category);
        }
    }
}
