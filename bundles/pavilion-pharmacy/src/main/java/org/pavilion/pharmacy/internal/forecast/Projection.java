package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One item in one store looked at from {@code today}: the fitted model, the forecast from today on, when the usable
 * stock runs out, and how much to order. Pure arithmetic over a {@link ConsumptionHistory.Series}.
 *
 * @param forecast     forecast consumption from today on, {@code max(days asked, lead time + cover)} days
 * @param stockOutDate the first day at whose end on-hand minus the cumulative forecast is zero or below (today when
 *                     nothing is on hand); null when the stock lasts the whole forecast
 * @param backtestMape null when not asked for or not computable (see {@link ConsumptionModel#backtestMape})
 */
public record Projection(ConsumptionModel model, ConsumptionHistory.Series history, LocalDate today,
        double[] forecast, BigDecimal onHand, LocalDate stockOutDate, BigDecimal suggestedQuantity,
        Double backtestMape) {

    /**
     * @param history         null when the item has no movement in the window
     * @param reorderQuantity the rule's minimum order (0 when the item has no rule in the store)
     */
    public static Projection of(ConsumptionHistory.Series history, LocalDate today, BigDecimal onHand,
            BigDecimal reorderQuantity, ForecastSettings settings, int days, boolean backtest) {
        ConsumptionHistory.Series series = history != null ? history
                : new ConsumptionHistory.Series(today, new double[0]);
        ConsumptionModel model = ConsumptionModel.fit(series.firstDay(), series.quantities());
        int horizon = Math.max(days, settings.orderCoverDays());
        double[] forecast = model.predict(today, horizon);
        double stock = onHand.doubleValue();
        return new Projection(model, series, today, forecast, onHand, stockOut(today, stock, forecast),
                suggested(forecast, settings.orderCoverDays(), stock, reorderQuantity),
                backtest ? ConsumptionModel.backtestMape(series.firstDay(), series.quantities()) : null);
    }

    private static LocalDate stockOut(LocalDate today, double onHand, double[] forecast) {
        if (onHand <= 0) {
            return today;
        }
        double left = onHand;
        for (int i = 0; i < forecast.length; i++) {
            left -= forecast[i];
            if (left <= 1e-9) {
                return today.plusDays(i);
            }
        }
        return null;
    }

    /** Forecast over the cover days minus what is on hand, at least the reorder quantity, up to whole units. */
    static BigDecimal suggested(double[] forecast, int coverDays, double onHand, BigDecimal reorderQuantity) {
        double need = -onHand;
        for (int i = 0; i < coverDays && i < forecast.length; i++) {
            need += forecast[i];
        }
        // Rounded to 6 places first, so 100.0000000001 of floating-point noise does not order a 101st unit.
        BigDecimal units = BigDecimal.valueOf(need).setScale(6, RoundingMode.HALF_UP).setScale(0, RoundingMode.CEILING);
        BigDecimal atLeast = reorderQuantity.setScale(0, RoundingMode.CEILING);
        return units.max(atLeast).max(BigDecimal.ZERO);
    }
}
