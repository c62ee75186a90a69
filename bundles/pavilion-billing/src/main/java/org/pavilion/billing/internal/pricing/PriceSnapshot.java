package org.pavilion.billing.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.money.Amounts;

/**
 * The whole price list and its tax categories as read at one moment, immutable: {@link PriceListService} answers
 * every read from the current one and replaces it after each edit. A hospital's list is some thousand rows, so
 * keeping all of them (history included) costs less than one query per charge.
 */
final class PriceSnapshot {

    /** One price row. */
    record Row(String id, String code, String name, String category, String doctorId, String specialty,
            String serviceCode, BigDecimal unitPrice, String taxCategory, LocalDate validFrom, LocalDate validTo,
            boolean active, int version) {

        boolean validOn(LocalDate day) {
            return active && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
        }

        /** Whether the validities of the two rows share a day. */
        boolean overlaps(LocalDate from, LocalDate to) {
            return (to == null || !validFrom.isAfter(to)) && (validTo == null || !from.isAfter(validTo));
        }

        static Row of(PriceEntity p) {
            return new Row(p.getId(), p.getCode(), p.getName(), p.getCategory(), p.getDoctorId(), p.getSpecialty(),
                    p.getServiceCode(), p.getUnitPrice().setScale(Amounts.PRICE_SCALE, Amounts.ROUNDING),
                    p.getTaxCategory(), LocalDate.parse(p.getValidFrom()),
                    p.getValidTo() == null ? null : LocalDate.parse(p.getValidTo()), p.isActive(), p.getVersion());
        }
    }

    /** One tax category. */
    record Tax(String code, String name, BigDecimal rate, int version) {
    }

    static final PriceSnapshot EMPTY = new PriceSnapshot(List.of(), List.of());

    /**
     * Of two rows that both apply (only rows written around {@link PriceListService}, e.g. by SQL, can overlap): the
     * one valid from later, the newer tariff; then the code, so the answer never depends on the read order.
     */
    private static final Comparator<Row> PREFERRED = Comparator.comparing(Row::validFrom).reversed()
            .thenComparing(Row::code);

    private final List<Row> all;
    private final Map<String, Row> byId = new HashMap<>();
    private final Map<String, List<Row>> activeByCode = new HashMap<>();
    private final List<Row> consultations = new ArrayList<>();
    private final Map<String, Tax> taxes = new LinkedHashMap<>();

    private PriceSnapshot(List<Row> rows, List<Tax> taxList) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::code).thenComparing(Row::validFrom));
        this.all = Collections.unmodifiableList(sorted);
        for (Row r : sorted) {
            byId.put(r.id(), r);
            if (r.active()) {
                activeByCode.computeIfAbsent(key(r.code()), k -> new ArrayList<>()).add(r);
                if ("CONSULTATION".equals(r.category())) {
                    consultations.add(r);
                }
            }
        }
        taxList.forEach(t -> taxes.put(t.code(), t));
    }

    /** Everything, read in {@code em}'s transaction. */
    static PriceSnapshot load(EntityManager em) {
        List<Row> rows = em.createQuery("SELECT p FROM PriceEntity p", PriceEntity.class).getResultList().stream()
                .map(Row::of).toList();
        List<Tax> taxes = em.createQuery("SELECT t FROM TaxCategoryEntity t ORDER BY t.code", TaxCategoryEntity.class)
                .getResultList().stream()
                .map(t -> new Tax(t.getCode(), t.getName(), t.getRate().setScale(Amounts.RATE_SCALE,
                        Amounts.ROUNDING), t.getVersion()))
                .toList();
        return new PriceSnapshot(rows, taxes);
    }

    /** Every price row (active or not) by code and start. */
    List<Row> all() {
        return all;
    }

    Optional<Row> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Optional<Tax> tax(String code) {
        return Optional.ofNullable(code == null ? null : taxes.get(code));
    }

    List<Tax> taxes() {
        return List.copyOf(taxes.values());
    }

    /** The active row of {@code code} valid on {@code day} (any case), or empty. */
    Optional<Row> price(String code, LocalDate day) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return activeByCode.getOrDefault(key(code), List.of()).stream().filter(r -> r.validOn(day)).min(PREFERRED);
    }

    /**
     * The consultation row on {@code day}: the doctor's own (for this service, else for any), else the one of the
     * specialty and service, else of the specialty alone, else of the service alone (docs/billing-api.md). Specialties
     * and service codes match in any case.
     */
    Optional<Row> consultation(String doctorId, String specialty, String serviceCode, LocalDate day) {
        List<Row> valid = consultations.stream().filter(r -> r.validOn(day)).toList();
        if (doctorId != null && !doctorId.isBlank()) {
            Optional<Row> own = first(valid, r -> doctorId.equals(r.doctorId()) && same(r.serviceCode(), serviceCode));
            if (own.isEmpty()) {
                own = first(valid, r -> doctorId.equals(r.doctorId()) && r.serviceCode() == null);
            }
            if (own.isPresent()) {
                return own;
            }
        }
        List<Row> general = valid.stream().filter(r -> r.doctorId() == null).toList();
        if (specialty != null && serviceCode != null) {
            Optional<Row> both = first(general, r -> same(r.specialty(), specialty) && same(r.serviceCode(), serviceCode));
            if (both.isPresent()) {
                return both;
            }
        }
        if (specialty != null) {
            Optional<Row> bySpecialty = first(general, r -> same(r.specialty(), specialty) && r.serviceCode() == null);
            if (bySpecialty.isPresent()) {
                return bySpecialty;
            }
        }
        if (serviceCode != null) {
            return first(general, r -> r.specialty() == null && same(r.serviceCode(), serviceCode));
        }
        return Optional.empty();
    }

    private static Optional<Row> first(List<Row> rows, Predicate<Row> test) {
        return rows.stream().filter(test).min(PREFERRED);
    }

    private static boolean same(String stored, String asked) {
        return stored != null && asked != null && stored.strip().equalsIgnoreCase(asked.strip());
    }

    static String key(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /** A unit price for JSON: at least the currency's decimals, at most the 4 it is kept with ("35.00", "0.045"). */
    static String priceText(BigDecimal price, String currency) {
        BigDecimal stripped = price.stripTrailingZeros();
        int scale = Math.max(Amounts.scale(currency), Math.max(0, stripped.scale()));
        return Amounts.text(price.setScale(Math.min(scale, Amounts.PRICE_SCALE), Amounts.ROUNDING));
    }

    /** A rate for JSON with its 4 decimals ("0.0550"). */
    static String rateText(BigDecimal rate) {
        return Amounts.text(rate.setScale(Amounts.RATE_SCALE, Amounts.ROUNDING));
    }
}
