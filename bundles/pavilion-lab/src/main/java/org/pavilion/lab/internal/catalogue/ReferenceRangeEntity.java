package org.pavilion.lab.internal.catalogue;

import java.math.BigDecimal;

import javax.persistence.*;

/** Reference and critical limits of a test for a sex and age band. Table {@code lab_reference_range}. */
@Entity
@Table(name = "lab_reference_range")
public class ReferenceRangeEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "test_code")
    private String testCode;

    @Column(name = "sex")
    private String sex;

    @Column(name = "age_min_days")
    private Integer ageMinDays;

    @Column(name = "age_max_days")
    private Integer ageMaxDays;

    @Column(name = "low")
    private BigDecimal low;

    @Column(name = "high")
    private BigDecimal high;

    @Column(name = "critical_low")
    private BigDecimal criticalLow;

    @Column(name = "critical_high")
    private BigDecimal criticalHigh;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getTestCode() { return testCode; }
    public void setTestCode(String testCode) { this.testCode = testCode; }
    public String getSex() { return sex; }
    public void setSex(String sex) { this.sex = sex; }
    public Integer getAgeMinDays() { return ageMinDays; }
    public void setAgeMinDays(Integer ageMinDays) { this.ageMinDays = ageMinDays; }
    public Integer getAgeMaxDays() { return ageMaxDays; }
    public void setAgeMaxDays(Integer ageMaxDays) { this.ageMaxDays = ageMaxDays; }
    public BigDecimal getLow() { return low; }
    public void setLow(BigDecimal low) { this.low = low; }
    public BigDecimal getHigh() { return high; }
    public void setHigh(BigDecimal high) { this.high = high; }
    public BigDecimal getCriticalLow() { return criticalLow; }
    public void setCriticalLow(BigDecimal criticalLow) { this.criticalLow = criticalLow; }
    public BigDecimal getCriticalHigh() { return criticalHigh; }
    public void setCriticalHigh(BigDecimal criticalHigh) { this.criticalHigh = criticalHigh; }
}
