package org.pavilion.billing.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The price list as the rest of billing reads it (implemented by {@code PriceListService}): charges, the DFT handler,
 * the visit estimator and the invoices ask it; only finance edits it (REST). Answers from memory: the list is cached
 * and reloaded on every edit.
 */
public interface PriceList {

    /** A tariff code's price on a day, with its tax rate on that day. */
    record Price(String code, String name, String category, String department, BigDecimal unitPrice,
            String taxCategory, BigDecimal taxRate, String currency) {
    }

    /** The price of {@code code} valid on {@code day} (active, valid_from <= day <= valid_to), or empty. */
    Optional<Price> priceOf(String code, LocalDate day);

    /**
     * The consultation fee on {@code day}: the doctor's own CONSULTATION price, else the one of the specialty and
     * service, else of the specialty, else of the service; empty when none applies.
     */
    Optional<Price> consultation(String doctorId, String specialty, String serviceCode, LocalDate day);

    /** The revenue department of a price category (CONSULTATION → CONSULTATIONS, LAB_TEST → LABORATORY, ...). */
    static String departmentOf(String category) {
        switch (category) {
            case "CONSULTATION": return "CONSULTATIONS";
            case "LAB_TEST": return "LABORATORY";
            case "MEDICINE":
            case "SUPPLY": return "PHARMACY";
            case "PROCEDURE": return "PROCEDURES";
            case "BED_DAY": return "WARDS";
            default: return "OTHER";
        }
    }
}
