package org.pavilion.billing.internal.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.pavilion.billing.internal.pricing.PriceList;

/**
 * The price list as charges read it, from a table of the test's own (pricing's PriceListService is another part, not
 * in this branch): codes with their prices from a day on, and consultation fees by doctor, specialty or service.
 */
public final class TablePriceList implements PriceList {

    private record Entry(Price price, LocalDate from, String doctorId, String specialty, String serviceCode) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** {@code code} at {@code unitPrice} from 2000-01-01 (replacing an earlier entry: a price change). */
    public TablePriceList price(String code, String name, String category, String unitPrice, String taxCategory,
            String taxRate) {
        return priceFrom(code, name, category, unitPrice, taxCategory, taxRate, LocalDate.of(2000, 1, 1));
    }

    public TablePriceList priceFrom(String code, String name, String category, String unitPrice, String taxCategory,
            String taxRate, LocalDate from) {
        entries.put(code, new Entry(new Price(code, name, category, PriceList.departmentOf(category),
                new BigDecimal(unitPrice), taxCategory, new BigDecimal(taxRate), "EUR"), from, null, null, null));
        return this;
    }

    /** A CONSULTATION price for a doctor, specialty and/or service (nulls match nothing). */
    public TablePriceList consultationFee(String code, String name, String unitPrice, String doctorId,
            String specialty, String serviceCode) {
        entries.put(code, new Entry(new Price(code, name, "CONSULTATION", "CONSULTATIONS", new BigDecimal(unitPrice),
                "EXEMPT", BigDecimal.ZERO, "EUR"), LocalDate.of(2000, 1, 1), doctorId, specialty, serviceCode));
        return this;
    }

    @Override
    public Optional<Price> priceOf(String code, LocalDate day) {
        Entry e = entries.get(code);
        return e == null || day.isBefore(e.from) ? Optional.empty() : Optional.of(e.price);
    }

    @Override
    public Optional<Price> consultation(String doctorId, String specialty, String serviceCode, LocalDate day) {
        Optional<Price> byDoctor = find(e -> doctorId != null && doctorId.equals(e.doctorId));
        if (byDoctor.isPresent()) {
            return byDoctor;
        }
        Optional<Price> both = find(e -> e.doctorId == null && specialty != null && specialty.equals(e.specialty)
                && serviceCode != null && serviceCode.equals(e.serviceCode));
        if (both.isPresent()) {
            return both;
        }
        Optional<Price> bySpecialty = find(e -> e.doctorId == null && e.serviceCode == null && specialty != null
                && specialty.equals(e.specialty));
        return bySpecialty.isPresent() ? bySpecialty : find(e -> e.doctorId == null && e.specialty == null
                && serviceCode != null && Objects.equals(serviceCode, e.serviceCode));
    }

    private Optional<Price> find(java.util.function.Predicate<Entry> match) {
        return entries.values().stream().filter(e -> e.price.category().equals("CONSULTATION")).filter(match)
                .map(Entry::price).findFirst();
    }
}
