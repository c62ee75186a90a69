package org.pavilion.pharmacy.internal.alerts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.camel.model.RouteDefinition;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.Page;
import org.pavilion.pharmacy.api.StockAlertRaised;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.forecast.DispensingDays;
import org.pavilion.pharmacy.internal.forecast.ForecastSettings;
import org.pavilion.pharmacy.internal.forecast.Forecasts;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * The main pharmacy over a few days, the checks run by hand with a clock standing at 08:00 on Friday 4 December 2026
 * (UTC). Paracetamol falls to its reorder level: alerted once however often the check runs, resolved by a
 * delivery, alerted again when it falls again. Batches within 90 days of expiry, expired ones included, are
 * alerted; one written off is resolved.
 */
public class StockAlertChecksTest {

    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private PharmacyDatabase db;
    private DispensingDays days;
    private final MovableClock clock = new MovableClock(NOW);
    private final RecordingEvents events = new RecordingEvents();
    private StoreReorderSuggestions suggestions;
    private StockAlertChecks checks;
    private AlertList alerts;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        db.withoutReorderRules();
        days = new DispensingDays(db);
        Forecasts forecasts = Forecasts.of(db.emf, clock, new ForecastSettings(365, 14, 30));
        suggestions = new StoreReorderSuggestions(db.emf, forecasts);
        checks = new StockAlertChecks(db.emf, suggestions, events, clock, () -> 90);
        alerts = new AlertList(db.emf);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aLowItemIsAlertedOnceResolvedByADeliveryAndAlertedAgainWhenItFallsAgain() {
        db.reorderRule("PARA500", "MAIN", "100", "500");
        String batch = db.batch("PARA500", "P-1", "2099-12-31");
        LocalDate first = TODAY.minusDays(28);
        days.receive("MAIN", "PARA500", batch, "360", first);
        double[] tenADay = new double[28];
        Arrays.fill(tenADay, 10);
        days.dispenseDaily("MAIN", "PARA500", batch, first, tenADay); // 80 left, level 100

        List<StockAlertRaised> raised = checks.checkReorder();
        assertEquals(1, raised.size());
        StockAlertRaised e = raised.get(0);
        assertEquals("REORDER:MAIN:PARA500", e.alertKey);
        assertEquals("REORDER", e.kind);
        assertEquals("80", e.quantity);
        assertEquals("tablet", e.unit);
        assertEquals("100", e.reorderLevel);
        assertEquals("500", e.suggestedQuantity); // 44 days of 10 = 440 - 80 = 360, below the reorder quantity
        assertEquals(NOW.toString(), e.raisedAt);
        assertEquals(1, events.published.size());
        assertEquals(StockAlertRaised.TYPE, events.published.get(0).type());
        assertEquals("ph-item:PARA500", events.published.get(0).subjectKey());

        clock.advance(Duration.ofMinutes(15));
        assertEquals("still low: not raised again", List.of(), checks.checkReorder());
        assertEquals(1, events.published.size());
        Alert open = only(alerts.list("REORDER", "MAIN", true, 0, 50));
        assertEquals("Paracetamol 500 mg tablet", open.itemName);
        assertEquals(NOW.toString(), open.raisedAt);
        assertNull(open.resolvedAt);

        clock.advance(Duration.ofHours(2));
        days.receive("MAIN", "PARA500", batch, "500", TODAY);
        assertEquals(List.of(), checks.checkReorder());
        assertEquals(0, alerts.list("REORDER", null, true, 0, 50).getTotal());
        Alert resolved = only(alerts.list(null, null, false, 0, 50));
        assertEquals(NOW.plus(Duration.ofMinutes(135)).toString(), resolved.resolvedAt);

        clock.advance(Duration.ofHours(3));
        days.dispense("MAIN", "PARA500", batch, 490, TODAY); // 90 left
        List<StockAlertRaised> again = checks.checkReorder();
        assertEquals(1, again.size());
        assertEquals("90", again.get(0).quantity);
        assertEquals(2, events.published.size());
        Alert reopened = only(alerts.list("REORDER", "MAIN", true, 0, 50));
        assertEquals(NOW.plus(Duration.ofMinutes(315)).toString(), reopened.raisedAt);
        assertNull(reopened.resolvedAt);
    }

    @Test
    public void batchesWithinTheExpiryWindowAreAlertedExpiredIncludedAndAWriteOffResolvesThem() {
        String expired = db.batch("AMOX500", "A-OLD", "2026-11-30");
        String edge = db.batch("AMOX500", "A-EDGE", TODAY.plusDays(90).toString());
        String beyond = db.batch("AMOX500", "A-LATER", TODAY.plusDays(91).toString());
        String empty = db.batch("PARA500", "P-GONE", "2027-01-10");
        String elsewhere = db.batch("PARA500", "P-WARD", "2027-01-15");
        LocalDate delivered = TODAY.minusDays(60); // before A-OLD expired
        days.receive("MAIN", "AMOX500", expired, "30", delivered);
        days.receive("MAIN", "AMOX500", edge, "100", delivered);
        days.receive("MAIN", "AMOX500", beyond, "100", delivered);
        days.receive("MAIN", "PARA500", empty, "20", delivered);
        days.receive("WARD-A", "PARA500", elsewhere, "12", delivered);
        days.dispense("MAIN", "PARA500", empty, 20, TODAY.minusDays(1));

        List<StockAlertRaised> raised = checks.checkExpiry();
        assertEquals(List.of("EXPIRY:MAIN:" + expired, "EXPIRY:WARD-A:" + elsewhere, "EXPIRY:MAIN:" + edge),
                raised.stream().map(r -> r.alertKey).toList());
        assertEquals("A-OLD", raised.get(0).batchNumber);
        assertEquals("2026-11-30", raised.get(0).expiryDate);
        assertEquals("30", raised.get(0).quantity);
        assertEquals("ph-item:AMOX500", events.published.get(0).subjectKey());
        Page<Alert> page = alerts.list("EXPIRY", null, true, 0, 50);
        assertEquals(3, page.getTotal());
        Alert old = page.getItems().stream().filter(a -> "A-OLD".equals(a.batchNumber)).findFirst().orElseThrow();
        assertTrue(old.detail, old.detail.contains("expired on 2026-11-30"));

        assertEquals(List.of(), checks.checkExpiry());

        clock.advance(Duration.ofHours(1));
        db.jpa.run(em -> db.ledger.post(em, "ph.santos", clock.millis(), List.of(new StockLedger.Movement(
                MovementKind.EXPIRY_WRITE_OFF, "MAIN", "AMOX500", expired, new BigDecimal("-30"), "EXPIRED",
                "WRITE_OFF", UUID.randomUUID().toString(), null))));
        assertEquals(List.of(), checks.checkExpiry());
        Alert writtenOff = only(alerts.list("EXPIRY", "MAIN", false, 0, 50));
        assertEquals("A-OLD", writtenOff.batchNumber);
        assertNotNull(writtenOff.resolvedAt);
        assertEquals(2, alerts.list("EXPIRY", null, true, 0, 50).getTotal());

        // a day later the window takes in A-LATER too
        clock.advance(Duration.ofDays(1));
        List<StockAlertRaised> next = checks.checkExpiry();
        assertEquals(1, next.size());
        assertEquals("A-LATER", next.get(0).batchNumber);
        assertEquals(4, events.published.size());
    }

    @Test
    public void theTwoTimerRoutesRunAtTheConfiguredPeriods() throws Exception {
        StockAlertRoutes routes = new StockAlertRoutes(checks, 900, 3600);
        routes.configure();
        List<RouteDefinition> defined = routes.getRouteCollection().getRoutes();
        assertEquals(List.of(StockAlertRoutes.REORDER_ROUTE, StockAlertRoutes.EXPIRY_ROUTE),
                defined.stream().map(RouteDefinition::getRouteId).toList());
        assertEquals("timer:pharmacy-reorder-check?period=900000&delay=30000",
                defined.get(0).getInput().getEndpointUri());
        assertEquals("timer:pharmacy-expiry-check?period=3600000&delay=30000",
                defined.get(1).getInput().getEndpointUri());
    }

    private static Alert only(Page<Alert> page) {
        assertEquals(1, page.getTotal());
        return page.getItems().get(0);
    }
}
