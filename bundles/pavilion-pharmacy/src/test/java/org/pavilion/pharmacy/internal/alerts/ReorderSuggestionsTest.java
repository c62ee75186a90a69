package org.pavilion.pharmacy.internal.alerts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.forecast.DispensingDays;
import org.pavilion.pharmacy.internal.forecast.ForecastSettings;
import org.pavilion.pharmacy.internal.forecast.Forecasts;

/**
 * Monday's order for the main pharmacy (today Friday 4 December 2026, lead time 14 days, cover 30): what is at or
 * below its reorder level, with enough for 44 days of forecast use, at least the reorder quantity, whole units,
 * soonest to run out first. Expired stock does not count as on hand.
 */
public class ReorderSuggestionsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private PharmacyDatabase db;
    private DispensingDays days;
    private StoreReorderSuggestions suggestions;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        db.withoutReorderRules();
        db.medicine("IBU400", "Ibuprofen 400 mg tablet", "ibuprofen", "400 mg", "TABLET", "M01AE01", "tablet");
        db.medicine("ORS", "Oral rehydration salts sachet", "oral rehydration salts", "20.5 g", "POWDER", "A07CA",
                "sachet");
        days = new DispensingDays(db);
        Forecasts forecasts = Forecasts.of(db.emf, Clock.fixed(TODAY.atTime(8, 0).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC), new ForecastSettings(365, 14, 30));
        suggestions = new StoreReorderSuggestions(db.emf, forecasts);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    /** Four weeks of {@code perDay} a day from a delivery of {@code delivered}; what is left is on hand. */
    private void fourWeeks(String item, String batchNumber, String expiry, String delivered, double perDay) {
        String batch = db.batch(item, batchNumber, expiry);
        LocalDate first = TODAY.minusDays(28);
        days.receive("MAIN", item, batch, delivered, first);
        double[] use = new double[28];
        Arrays.fill(use, perDay);
        days.dispenseDaily("MAIN", item, batch, first, use);
    }

    @Test
    public void itemsAtOrBelowTheirLevelWithTheForecastQuantitySoonestToRunOutFirst() {
        fourWeeks("PARA500", "P-1", "2099-12-31", "900", 30);    // 60 left: out on Saturday
        fourWeeks("AMOX500", "A-1", "2099-12-31", "252.5", 2.5); // 182.5 left: 73 days at 2.5
        fourWeeks("IBU400", "I-1", "2099-12-31", "400", 5);      // 260 left, level 200: not low
        fourWeeks("ORS", "O-1", "2099-12-31", "150", 5);         // 10 left, but ORS is no longer stocked
        db.reorderRule("PARA500", "MAIN", "200", "1000");
        db.reorderRule("AMOX500", "MAIN", "182.5", "50");
        db.reorderRule("IBU400", "MAIN", "200", "500");
        db.reorderRule("ORS", "MAIN", "50", "100");
        db.jpa.run(em -> em.find(ItemEntity.class, "ORS").setActive(false));

        List<ReorderSuggestions.Suggestion> order = suggestions.forStore("MAIN");

        assertEquals(List.of("PARA500", "AMOX500"), order.stream().map(ReorderSuggestions.Suggestion::itemCode).toList());
        ReorderSuggestions.Suggestion para = order.get(0);
        assertEquals("Paracetamol 500 mg tablet", para.itemName());
        assertEquals("tablet", para.unit());
        assertEquals(0, new BigDecimal("60").compareTo(para.onHand()));
        assertEquals(0, new BigDecimal("200").compareTo(para.reorderLevel()));
        // 44 days of 30 = 1320 - 60 = 1260, more than the reorder quantity of 1000
        assertEquals(new BigDecimal("1260"), para.suggestedQuantity());
        assertEquals(TODAY.plusDays(1).toString(), para.stockOutDate());
        ReorderSuggestions.Suggestion amox = order.get(1);
        // exactly at its level; 44 days of 2.5 = 110 < 182.5 on hand: the reorder quantity
        assertEquals(new BigDecimal("50"), amox.suggestedQuantity());
        assertEquals(null, amox.stockOutDate());
    }

    @Test
    public void expiredStockIsNotOnHandAndUnknownStoresAreNotFound() {
        String old = db.batch("PARA500", "P-OLD", "2026-11-30");
        days.receive("MAIN", "PARA500", old, "500", TODAY.minusDays(40));
        db.reorderRule("PARA500", "MAIN", "100", "300");

        List<ReorderSuggestions.Suggestion> order = suggestions.forStore("MAIN");
        assertEquals(1, order.size());
        assertEquals(0, BigDecimal.ZERO.compareTo(order.get(0).onHand()));
        assertEquals(new BigDecimal("300"), order.get(0).suggestedQuantity());
        assertEquals(TODAY.toString(), order.get(0).stockOutDate());
        assertEquals(List.of(), suggestions.forStore("WARD-A"));
        try {
            suggestions.forStore("NOWHERE");
            fail("a store nobody knows");
        } catch (ProblemException e) {
            assertEquals(404, e.status());
        }
    }
}
