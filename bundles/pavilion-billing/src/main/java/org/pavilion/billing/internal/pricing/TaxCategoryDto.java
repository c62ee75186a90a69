package org.pavilion.billing.internal.pricing;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/**
 * A tax category as REST reads and writes it: {@code rate} a fraction as a string ({@code "0.0550"} is 5.5 %). A PUT's
 * field rules are declared here and answered with the address's code and the rate in one 422 ({@link PriceRules}).
 */
public class TaxCategoryDto {
    /** The address's; may be left out of a PUT's body. */
    public String code;
    @NotBlank(message = PriceRules.REQUIRED) @Size(max = 200, message = PriceRules.AT_MOST)
    public String name;
    public String rate;
    /** The version read; a replace must send it back unchanged (else 409). Null to create. */
    public Integer version;
}
