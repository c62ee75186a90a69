package org.pavilion.lab.internal.catalogue;


import javax.persistence.*;

/** A test or panel of the catalogue. Table {@code lab_test}. */
@Entity
@Table(name = "lab_test")
public class LabTestEntity {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "name")
    private String name;

    @Column(name = "kind")
    private String kind;

    @Column(name = "loinc")
    private String loinc;

    @Column(name = "specimen_type")
    private String specimenType;

    @Column(name = "result_type")
    private String resultType;

    @Column(name = "unit")
    private String unit;

    @Column(name = "decimals")
    private Integer decimals;

    @Column(name = "coded_values")
    private String codedValues;

    @Column(name = "abnormal_values")
    private String abnormalValues;

    @Column(name = "turnaround_minutes")
    private Integer turnaroundMinutes;

    @Column(name = "price_reference")
    private String priceReference;

    @Column(name = "active")
    private boolean active;

    @Version
    @Column(name = "version")
    private int version;

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getLoinc() { return loinc; }
    public void setLoinc(String loinc) { this.loinc = loinc; }
    public String getSpecimenType() { return specimenType; }
    public void setSpecimenType(String specimenType) { this.specimenType = specimenType; }
    public String getResultType() { return resultType; }
    public void setResultType(String resultType) { this.resultType = resultType; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public Integer getDecimals() { return decimals; }
    public void setDecimals(Integer decimals) { this.decimals = decimals; }
    public String getCodedValues() { return codedValues; }
    public void setCodedValues(String codedValues) { this.codedValues = codedValues; }
    public String getAbnormalValues() { return abnormalValues; }
    public void setAbnormalValues(String abnormalValues) { this.abnormalValues = abnormalValues; }
    public Integer getTurnaroundMinutes() { return turnaroundMinutes; }
    public void setTurnaroundMinutes(Integer turnaroundMinutes) { this.turnaroundMinutes = turnaroundMinutes; }
    public String getPriceReference() { return priceReference; }
    public void setPriceReference(String priceReference) { this.priceReference = priceReference; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
}
