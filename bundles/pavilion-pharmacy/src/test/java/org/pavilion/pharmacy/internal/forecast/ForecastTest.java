package org.pavilion.pharmacy.internal.forecast;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

/**
 * The main pharmacy's year of paracetamol: busy Mondays, quiet weekends, slowly growing use. The forecast recovers
 * that pattern; a short-lived item gets a moving average; on-hand stock gives the stock-out day and the suggested
 * order; the backtest scores four held-back weeks. Today is Friday 4 December 2026 (a fixed clock, UTC).
 */
public class ForecastTest {

    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    /** Added to the base use on each weekday, Monday first. */
    static final double[] WEEKDAY = {6, 3, 0, 0, 2, -8, -10};

    private PharmacyDatabase db;
    private DispensingDays days;
    private Forecasts forecasts;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        db.withoutReorderRules();
        days = new DispensingDays(db);
        forecasts = Forecasts.of(db.emf, Clock.fixed(NOW, ZoneOffset.UTC), new ForecastSettings(365, 14, 30));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    /** 20 a day growing by 0.02 a day, the weekday pattern, day t counted from the first history day. */
    static double truth(LocalDate firstDay, LocalDate day) {
        long t = day.toEpochDay() - firstDay.toEpochDay();
        return 20 + 0.02 * t + WEEKDAY[day.getDayOfWeek().getValue() - 1];
    }

    @Test
    public void aYearWithTrendAndWeekdayPatternIsRecoveredAndProjected() {
        LocalDate first = TODAY.minusDays(365);
        double[] history = new double[365];
        Random noise = new Random(24);
        for (int t = 0; t < history.length; t++) {
            history[t] = Math.max(0, Math.round(truth(first, first.plusDays(t)) + noise.nextGaussian() * 2));
        }
        String batch = db.batch("PARA500", "P-2026", "2099-12-31");
        days.receive("MAIN", "PARA500", batch, "20000", first.minusDays(10));
        days.dispenseDaily("MAIN", "PARA500", batch, first, history);
        db.reorderRule("PARA500", "MAIN", "500", "1000");

        Forecast f = forecasts.forecast("MAIN", "PARA500", 28);

        assertEquals(ConsumptionModel.OLS, f.method);
        assertEquals(365, f.history.size());
        assertEquals(first.toString(), f.history.get(0).day);
        assertEquals(28, f.forecast.size());
        assertEquals(TODAY.toString(), f.forecast.get(0).day);
        double total = 0;
        double truthTotal = 0;
        for (Forecast.DayQuantity d : f.forecast) {
            double expected = truth(first, LocalDate.parse(d.day));
            double got = Double.parseDouble(d.quantity);
            assertEquals(d.day, expected, got, 1.0);
            total += got;
            truthTotal += expected;
        }
        assertEquals(truthTotal, total, truthTotal * 0.02);
        assertEquals(0.02, Double.parseDouble(f.trendPerDay), 0.003);
        assertTrue(f.weekdayFactors.toString(), f.weekdayFactors.get("MONDAY") > 1.15
                && f.weekdayFactors.get("SUNDAY") < 0.75);
        double onHand = 20000 - Arrays.stream(history).sum();
        assertEquals(onHand, Double.parseDouble(f.onHand), 0.001);
        // a year of 20-odd a day leaves ~7,000 tablets: more than the 44 days an order covers
        assertNull(f.stockOutDate);
        assertEquals("1000", f.suggestedQuantity);
        assertTrue("backtest " + f.backtestMape, f.backtestMape != null && f.backtestMape < 3);
    }

    @Test
    public void stockRunsOutOnTheDayTheForecastUsesTheLastTabletAndTheOrderCoversLeadTimeAndCover() {
        String batch = db.batch("AMOX500", "A-1", "2099-12-31");
        LocalDate first = TODAY.minusDays(35);
        days.receive("MAIN", "AMOX500", batch, "445", first);
        double[] tenADay = new double[35];
        Arrays.fill(tenADay, 10);
        days.dispenseDaily("MAIN", "AMOX500", batch, first, tenADay); // 95 left

        Forecast f = forecasts.forecast("MAIN", "AMOX500", 14);
        assertEquals(ConsumptionModel.OLS, f.method);
        assertEquals("95", f.onHand);
        assertEquals("10", f.forecast.get(13).quantity);
        // 10 a day from today: 5 left after the 9th day (today + 8), none after the 10th
        assertEquals(TODAY.plusDays(9).toString(), f.stockOutDate);
        // 44 days (14 lead + 30 cover) of 10 = 440, minus 95 on hand; no rule: nothing to round up to
        assertEquals("345", f.suggestedQuantity);

        db.reorderRule("AMOX500", "MAIN", "100", "400");
        assertEquals("the reorder quantity is the least order", "400",
                forecasts.forecast("MAIN", "AMOX500", 14).suggestedQuantity);
    }

    @Test
    public void suggestionsRoundUpToWholeUnitsAndNeverGoBelowZero() {
        double[] forecast = new double[44];
        Arrays.fill(forecast, 2.5);
        assertEquals("107", Projection.suggested(forecast, 44, 3.3, java.math.BigDecimal.ZERO).toPlainString());
        assertEquals("0", Projection.suggested(forecast, 44, 500, java.math.BigDecimal.ZERO).toPlainString());
        assertEquals("110", Projection.suggested(forecast, 44, 0, new java.math.BigDecimal("109.2")).toPlainString());
    }

    @Test
    public void theBacktestScoresFourHeldBackWeeksByTheirTotals() {
        // six weeks of exactly 10 a day to learn from, then weeks of 10, 20, 5 and 10 a day held back: the model
        // predicts 70 a week, off by 0 %, 50 %, 100 % and 0 %: a MAPE of 37.5 %
        LocalDate first = TODAY.minusDays(70);
        double[] history = new double[70];
        for (int t = 0; t < 70; t++) {
            int heldWeek = (t - 42) / 7;
            history[t] = t < 42 ? 10 : new double[] {10, 20, 5, 10}[heldWeek];
        }
        String batch = db.batch("PARA500", "P-9", "2099-12-31");
        days.receive("MAIN", "PARA500", batch, "5000", first); // delivered the morning the history starts
        days.dispenseDaily("MAIN", "PARA500", batch, first, history);

        Forecast f = forecasts.forecast("MAIN", "PARA500", 28);
        assertEquals(70, f.history.size());
        assertEquals(37.5, f.backtestMape, 0.01);
    }

    @Test
    public void lessThanThreeWeeksOfHistoryGetsAMovingAverageAndSaysSo() {
        String batch = db.batch("AMOX500", "A-2", "2099-12-31");
        LocalDate first = TODAY.minusDays(14);
        days.receive("MAIN", "AMOX500", batch, "500", first);
        double[] history = {4, 8, 4, 8, 4, 8, 4, 8, 4, 8, 4, 8, 0, 12};
        days.dispenseDaily("MAIN", "AMOX500", batch, first, history);

        Forecast f = forecasts.forecast("MAIN", "AMOX500", 7);
        assertEquals(ConsumptionModel.MOVING_AVERAGE, f.method);
        assertEquals(14, f.history.size());
        assertEquals("0", f.history.get(12).quantity);
        for (Forecast.DayQuantity d : f.forecast) {
            assertEquals("6", d.quantity);
        }
        assertEquals("0", f.trendPerDay);
        assertEquals(1.0, f.weekdayFactors.get(DayOfWeek.MONDAY.name()), 0);
        assertNull("under five weeks there is nothing to backtest", f.backtestMape);
    }

    @Test
    public void aStoreOrItemNobodyKnowsIsNotFoundAndDaysAreBounded() {
        assertEquals(404, status(() -> forecasts.forecast("NOWHERE", "PARA500", 28)));
        assertEquals(404, status(() -> forecasts.forecast("MAIN", "UNOBTAINIUM", 28)));
        assertEquals(400, status(() -> forecasts.forecast("MAIN", "PARA500", 0)));
        assertEquals(400, status(() -> forecasts.forecast("MAIN", "PARA500", 366)));
        Forecast none = forecasts.forecast("MAIN", "PARA500", 28);
        assertEquals(ConsumptionModel.NO_HISTORY, none.method);
        assertEquals(TODAY.toString(), none.stockOutDate);
    }

    @Test
    public void aWholeStoreIsForecastFromOneHistoryQuery() {
        String para = db.batch("PARA500", "P-3", "2099-12-31");
        String amox = db.batch("AMOX500", "A-3", "2099-12-31");
        LocalDate first = TODAY.minusDays(30);
        days.receive("MAIN", "PARA500", para, "1000", first);
        days.receive("MAIN", "AMOX500", amox, "1000", first);
        double[] five = new double[30];
        Arrays.fill(five, 5);
        days.dispenseDaily("MAIN", "PARA500", para, first, five);
        double[] three = new double[30];
        Arrays.fill(three, 3);
        days.dispenseDaily("MAIN", "AMOX500", amox, first, three);

        var all = forecasts.forStore("MAIN", 28);
        assertEquals(2, all.size());
        assertEquals("AMOX500", all.get(0).itemCode);
        assertEquals("3", all.get(0).forecast.get(0).quantity);
        assertEquals("PARA500", all.get(1).itemCode);
        assertEquals("5", all.get(1).forecast.get(27).quantity);
        assertEquals("850", all.get(1).onHand);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (ProblemException e) {
            return e.status();
        }
    }
}
