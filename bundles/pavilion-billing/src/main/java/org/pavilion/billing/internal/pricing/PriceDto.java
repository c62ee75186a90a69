package org.pavilion.billing.internal.pricing;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * A price as REST reads and writes it (docs/billing-api.md, "Price list"): amounts and dates travel as strings
 * ({@code "35.00"}, {@code "2026-01-01"}). A written price's field rules are declared here and answered, with the
 * checks {@link PriceRules} makes in code, in one 422 naming every field (as the price list always has).
 */
public class PriceDto {
    /** Given by the server on create. */
    public String id;
    /** The tariff code charges name (the lab's and pharmacy's price references, CONS-..., PROC-...). */
    @NotBlank(message = PriceRules.REQUIRED)
    @Pattern(regexp = PriceRules.CODE_40, message = "must be up to 40 letters, digits, '.', '_' or '-'")
    public String code;
    @NotBlank(message = PriceRules.REQUIRED) @Size(max = 200, message = PriceRules.AT_MOST)
    public String name;
    /** CONSULTATION, PROCEDURE, LAB_TEST, MEDICINE, SUPPLY, BED_DAY or OTHER. */
    @NotBlank(message = PriceRules.REQUIRED) @PriceCategory(anyCase = true)
    public String category;
    /** A consultation price's doctor (scheduling's doctor id), specialty and/or service; null otherwise. */
    @Size(max = 64, message = PriceRules.AT_MOST)
    public String doctorId;
    @Size(max = 100, message = PriceRules.AT_MOST)
    public String specialty;
    @Size(max = 40, message = PriceRules.AT_MOST)
    public String serviceCode;
    /** Per unit of issue, up to 4 decimals, not negative (money.Amounts reads it). */
    public String unitPrice;
    @NotBlank(message = PriceRules.REQUIRED)
    public String taxCategory;
    @NotBlank(message = PriceRules.REQUIRED) @Pattern(regexp = PriceRules.DATE, message = PriceRules.DATE_MESSAGE)
    public String validFrom;
    /** Last day it is valid; null: open-ended. */
    @Pattern(regexp = PriceRules.DATE, message = PriceRules.DATE_MESSAGE)
    public String validTo;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
