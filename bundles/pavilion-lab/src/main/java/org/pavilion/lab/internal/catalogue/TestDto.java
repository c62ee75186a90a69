package org.pavilion.lab.internal.catalogue;

import java.util.ArrayList;
import java.util.List;

/** A catalogue entry as REST reads and writes it (docs/lab-api.md, "Test"); decimals travel as strings. */
public class TestDto {
    public String code;
    public String name;
    /** TEST or PANEL. */
    public String kind;
    public String loinc;
    public String specimenType;
    /** NUMERIC, TEXT or CODED. */
    public String resultType;
    public String unit;
    public Integer decimals;
    public List<String> codedValues = new ArrayList<>();
    public List<String> abnormalValues = new ArrayList<>();
    public Integer turnaroundMinutes;
    public String priceReference;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
    /** PANEL: its member test codes, in order. */
    public List<String> members = new ArrayList<>();
    /** Further accepted units: value in {@code unit} × {@code factor} = value in the test's unit. */
    public List<UnitDto> units = new ArrayList<>();
    public List<RangeDto> ranges = new ArrayList<>();

    /** A further accepted unit. */
    public static class UnitDto {
        public String unit;
        public String factor;

        public UnitDto() {
        }

        public UnitDto(String unit, String factor) {
            this.unit = unit;
            this.factor = factor;
        }
    }

    /** Reference and critical limits (in the test's unit) for a sex (M, F, null: any) and age band in days. */
    public static class RangeDto {
        public String sex;
        public Integer ageMinDays;
        public Integer ageMaxDays;
        public String low;
        public String high;
        public String criticalLow;
        public String criticalHigh;
    }
}
