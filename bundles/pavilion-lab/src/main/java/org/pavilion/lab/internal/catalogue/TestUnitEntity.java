package org.pavilion.lab.internal.catalogue;

import java.math.BigDecimal;
import java.io.Serializable;
import java.util.Objects;

import javax.persistence.*;

/** A further unit a test accepts, with its factor to the test's unit. Table {@code lab_test_unit}. */
@Entity
@Table(name = "lab_test_unit")
@IdClass(TestUnitEntity.Key.class)
public class TestUnitEntity {

    @Id
    @Column(name = "test_code")
    private String testCode;

    @Id
    @Column(name = "unit")
    private String unit;

    @Column(name = "factor")
    private BigDecimal factor;

    public String getTestCode() { return testCode; }
    public void setTestCode(String testCode) { this.testCode = testCode; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public BigDecimal getFactor() { return factor; }
    public void setFactor(BigDecimal factor) { this.factor = factor; }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String testCode;
        public String unit;

        public Key() {
        }

        public Key(String testCode, String unit) {
            this.testCode = testCode;
            this.unit = unit;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(testCode, k.testCode) && Objects.equals(unit, k.unit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(testCode, unit);
        }
    }
}
