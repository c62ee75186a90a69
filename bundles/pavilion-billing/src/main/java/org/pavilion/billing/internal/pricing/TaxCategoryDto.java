package org.pavilion.billing.internal.pricing;

/** A tax category as REST reads and writes it: {@code rate} a fraction as a string ({@code "0.0550"} is 5.5 %). */
public class TaxCategoryDto {
    public String code;
    public String name;
    public String rate;
    /** The version read; a replace must send it back unchanged (else 409). Null to create. */
    public Integer version;
}
