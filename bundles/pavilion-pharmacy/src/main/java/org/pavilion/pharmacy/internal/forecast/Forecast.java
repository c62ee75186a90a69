package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /forecasts/{store}/{item}}: the answer of docs/pharmacy-api.md, quantities as decimal strings. */
public class Forecast {

    /** One day's consumption, recorded or forecast. */
    public static class DayQuantity {
        public String day;
        public String quantity;

        public DayQuantity() {
        }

        DayQuantity(String day, String quantity) {
            this.day = day;
            this.quantity = quantity;
        }
    }

    public String storeCode;
    public String itemCode;
    public String unit;
    public String onHand;
    /** Daily DISPENSE and ISSUE outflows, oldest first, days without any as 0. */
    public List<DayQuantity> history;
    /** The next {@code days} days from today. */
    public List<DayQuantity> forecast;
    public String trendPerDay;
    /** MONDAY..SUNDAY: the weekday's mean consumption over an average day's (1.0). */
    public Map<String, Double> weekdayFactors;
    public String stockOutDate;
    public String suggestedQuantity;
    /** Percent, over the four weekly totals of the last 28 days held back; null when not computable. */
    public Double backtestMape;
    /** OLS_TREND_WEEKDAY, MOVING_AVERAGE (under three weeks of history) or NO_HISTORY. */
    public String method;

    static Forecast of(String storeCode, String itemCode, String unit, Projection p, int days) {
        Forecast f = new Forecast();
        f.storeCode = storeCode;
        f.itemCode = itemCode;
        f.unit = unit;
        f.onHand = plain(p.onHand());
        ConsumptionHistory.Series h = p.history();
        f.history = new ArrayList<>(h.days());
        for (int i = 0; i < h.days(); i++) {
            f.history.add(new DayQuantity(h.firstDay().plusDays(i).toString(), quantity(h.quantities()[i])));
        }
        f.forecast = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            f.forecast.add(new DayQuantity(p.today().plusDays(i).toString(), quantity(p.forecast()[i])));
        }
        f.trendPerDay = quantity(p.model().trendPerDay());
        f.weekdayFactors = new LinkedHashMap<>();
        for (Map.Entry<DayOfWeek, Double> e : p.model().weekdayFactors(h.days()).entrySet()) {
            f.weekdayFactors.put(e.getKey().name(), round(e.getValue(), 3));
        }
        f.stockOutDate = p.stockOutDate() == null ? null : p.stockOutDate().toString();
        f.suggestedQuantity = plain(p.suggestedQuantity());
        f.backtestMape = p.backtestMape() == null ? null : round(p.backtestMape(), 2);
        f.method = p.model().method();
        return f;
    }

    /** Three decimals, as the ledger stores quantities. */
    static String quantity(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value); // most days: whole units, without BigDecimal's cost
        }
        return plain(BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
    }

    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.signum() == 0 ? BigDecimal.ZERO : v).toPlainString();
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
