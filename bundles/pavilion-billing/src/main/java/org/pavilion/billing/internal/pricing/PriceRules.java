package org.pavilion.billing.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.rest.ProblemException;

/**
 * What a price or a tax category sent by a client must be, checked before any transaction: everything wrong with a
 * body is named in one 422 (a missing body is 400). Whether the tax category exists and whether the validity overlaps
 * another price of the code are checked in the edit's transaction ({@link PriceListService}).
 */
final class PriceRules {

    static final Set<String> CATEGORIES = Set.of("CONSULTATION", "PROCEDURE", "LAB_TEST", "MEDICINE", "SUPPLY",
            "BED_DAY", "OTHER");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]*");

    /** A price as the client sent it, checked and normalised (codes upper case, blanks trimmed, null for empty). */
    record Definition(String code, String name, String category, String doctorId, String specialty,
            String serviceCode, BigDecimal unitPrice, String taxCategory, LocalDate validFrom, LocalDate validTo,
            Boolean active, Integer version) {

        void copyTo(PriceEntity p) {
            p.setCode(code);
            p.setName(name);
            p.setCategory(category);
            p.setDoctorId(doctorId);
            p.setSpecialty(specialty);
            p.setServiceCode(serviceCode);
            p.setUnitPrice(unitPrice);
            p.setTaxCategory(taxCategory);
            p.setValidFrom(validFrom.toString());
            p.setValidTo(validTo == null ? null : validTo.toString());
        }
    }

    /** A tax category as the client sent it. */
    record Tax(String code, String name, BigDecimal rate, Integer version) {
    }

    private PriceRules() {
    }

    static Definition price(PriceDto in) {
        if (in == null) {
            throw ProblemException.validation("a body (the price) is required");
        }
        List<String> errors = new ArrayList<>();
        String code = code("code", in.code, 40, errors);
        String name = text("name", in.name, 200, true, errors);
        String category = upper(in.category);
        if (category == null) {
            errors.add("category is required");
        } else if (!CATEGORIES.contains(category)) {
            errors.add("category must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList())
                    + " (was '" + in.category.strip() + "')");
        }
        String doctorId = text("doctorId", in.doctorId, 64, false, errors);
        String specialty = text("specialty", in.specialty, 100, false, errors);
        String serviceCode = text("serviceCode", in.serviceCode, 40, false, errors);
        if (serviceCode != null) {
            serviceCode = serviceCode.toUpperCase(Locale.ROOT);
        }
        if (category != null && !"CONSULTATION".equals(category)
                && (doctorId != null || specialty != null || serviceCode != null)) {
            errors.add("doctorId, specialty and serviceCode are for CONSULTATION prices only");
        }
        BigDecimal unitPrice = null;
        try {
            unitPrice = Amounts.parsePrice("unitPrice", in.unitPrice);
        } catch (ProblemException bad) {
            errors.add(bad.detail());
        }
        String taxCategory = in.taxCategory == null || in.taxCategory.isBlank() ? null : upper(in.taxCategory);
        if (taxCategory == null) {
            errors.add("taxCategory is required");
        }
        LocalDate from = date("validFrom", in.validFrom, true, errors);
        LocalDate to = date("validTo", in.validTo, false, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("validTo " + to + " is before validFrom " + from);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors));
        }
        return new Definition(code, name, category, doctorId, specialty, serviceCode, unitPrice, taxCategory, from,
                to, in.active, in.version);
    }

    static Tax tax(String pathCode, TaxCategoryDto in) {
        if (in == null) {
            throw ProblemException.validation("a body (the tax category) is required");
        }
        List<String> errors = new ArrayList<>();
        String code = code("code", pathCode, 30, errors);
        if (code != null && in.code != null && !in.code.isBlank() && !code.equals(upper(in.code))) {
            errors.add("code '" + in.code.strip() + "' is not the code of the address (" + code + ")");
        }
        String name = text("name", in.name, 200, true, errors);
        BigDecimal rate = null;
        try {
            rate = Amounts.parseRate("rate", in.rate);
        } catch (ProblemException bad) {
            errors.add(bad.detail());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors));
        }
        return new Tax(code, name, rate, in.version);
    }

    /** A day given in a query ({@code ?on=}): 400 when it is not yyyy-MM-dd; {@code whenBlank} when not given. */
    static LocalDate queryDay(String name, String text, LocalDate whenBlank) {
        if (text == null || text.isBlank()) {
            return whenBlank;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(name + " must be a date yyyy-MM-dd (was '" + text.strip() + "')");
        }
    }

    private static String code(String field, String text, int max, List<String> errors) {
        String c = upper(text);
        if (c == null) {
            errors.add(field + " is required");
            return null;
        }
        if (c.length() > max || !CODE.matcher(c).matches()) {
            errors.add(field + " must be up to " + max + " letters, digits, '.', '_' or '-' (was '" + text.strip()
                    + "')");
            return null;
        }
        return c;
    }

    private static String text(String field, String text, int max, boolean required, List<String> errors) {
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t == null && required) {
            errors.add(field + " is required");
        }
        if (t != null && t.length() > max) {
            errors.add(field + " is at most " + max + " characters");
        }
        return t;
    }

    private static LocalDate date(String field, String text, boolean required, List<String> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(field + " is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(field + " must be a date yyyy-MM-dd (was '" + text.strip() + "')");
            return null;
        }
    }

    static String upper(String s) {
        return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
