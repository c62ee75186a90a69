package org.pavilion.billing.internal.pricing;

/**
 * A price as REST reads and writes it (docs/billing-api.md, "Price list"): amounts and dates travel as strings
 * ({@code "35.00"}, {@code "2026-01-01"}).
 */
public class PriceDto {
    /** Given by the server on create. */
    public String id;
    /** The tariff code charges name (the lab's and pharmacy's price references, CONS-..., PROC-...). */
    public String code;
    public String name;
    /** CONSULTATION, PROCEDURE, LAB_TEST, MEDICINE, SUPPLY, BED_DAY or OTHER. */
    public String category;
    /** A consultation price's doctor (scheduling's doctor id), specialty and/or service; null otherwise. */
    public String doctorId;
    public String specialty;
    public String serviceCode;
    /** Per unit of issue, up to 4 decimals, not negative. */
    public String unitPrice;
    public String taxCategory;
    public String validFrom;
    /** Last day it is valid; null: open-ended. */
    public String validTo;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
