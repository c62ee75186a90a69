package org.pavilion.billing.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.pavilion.billing.internal.BodyChecks;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.Violations;

/**
 * What a price or a tax category sent by a client must be, checked before any transaction: what {@link PriceDto} and
 * {@link TaxCategoryDto} declare, then what code sees (the address's code, a real calendar day, the validity's order,
 * consultation fields on a consultation, the amounts by money.Amounts), every wrong field named in one 422 (a missing
 * body is 400). Whether the tax category exists and whether the validity overlaps another price of the code are
 * checked in the edit's transaction ({@link PriceListService}).
 */
final class PriceRules {

    /** The wording of the price list's refusals, declared and coded alike ("name is required"). */
    static final String REQUIRED = "is required";
    static final String AT_MOST = "is at most {max} characters";
    static final String DATE = "\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*";
    static final String DATE_MESSAGE = "must be a date yyyy-MM-dd";
    /** A price's code: up to 40 letters, digits, '.', '_' or '-', a letter or digit first; blanks around ignored. */
    static final String CODE_40 = "\\s*[A-Za-z0-9][A-Za-z0-9._-]{0,39}\\s*";
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

    static Definition price(PriceDto in, DeclaredConstraints constraints) {
        Violations found = BodyChecks.declared(constraints, in);
        String category = upper(in.category);
        String doctorId = trim(in.doctorId);
        String specialty = trim(in.specialty);
        String serviceCode = upper(in.serviceCode);
        if (category != null && !"CONSULTATION".equals(category)) {
            consultationOnly("doctorId", doctorId, found);
            consultationOnly("specialty", specialty, found);
            consultationOnly("serviceCode", serviceCode, found);
        }
        BigDecimal unitPrice = BodyChecks.amount(found, "unitPrice", f -> Amounts.parsePrice(f, in.unitPrice));
        LocalDate from = day("validFrom", in.validFrom, found);
        LocalDate to = day("validTo", in.validTo, found);
        if (from != null && to != null && to.isBefore(from)) {
            found.add("validTo", to + " is before validFrom " + from);
        }
        BodyChecks.refuseUnfit(found);
        return new Definition(upper(in.code), trim(in.name), category, doctorId, specialty, serviceCode, unitPrice,
                upper(in.taxCategory), from, to, in.active, in.version);
    }

    static Tax tax(String pathCode, TaxCategoryDto in, DeclaredConstraints constraints) {
        Violations found = BodyChecks.declared(constraints, in);
        String code = code("code", pathCode, 30, found);
        if (code != null && in.code != null && !in.code.isBlank() && !code.equals(upper(in.code))) {
            found.add("code", "'" + in.code.strip() + "' is not the code of the address (" + code + ")");
        }
        BigDecimal rate = BodyChecks.amount(found, "rate", f -> Amounts.parseRate(f, in.rate));
        BodyChecks.refuseUnfit(found);
        return new Tax(code, trim(in.name), rate, in.version);
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

    /** The address's code (a path segment, so not declared on the body), upper case; null when refused. */
    private static String code(String field, String text, int max, Violations found) {
        String c = upper(text);
        if (c == null) {
            found.add(field, REQUIRED);
            return null;
        }
        if (c.length() > max || !CODE.matcher(c).matches()) {
            found.add(field, "must be up to " + max + " letters, digits, '.', '_' or '-' (was '" + text.strip() + "')");
            return null;
        }
        return c;
    }

    private static void consultationOnly(String field, String value, Violations found) {
        if (value != null) {
            found.add(field, "is for CONSULTATION prices only");
        }
    }

    /** A real calendar day, or null: not given, or not shaped yyyy-MM-dd (declared, so not named twice). */
    private static LocalDate day(String field, String text, Violations found) {
        if (text == null || !text.matches(DATE)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            found.add(field, DATE_MESSAGE + " (was '" + text.strip() + "')");
            return null;
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String upper(String s) {
        return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
