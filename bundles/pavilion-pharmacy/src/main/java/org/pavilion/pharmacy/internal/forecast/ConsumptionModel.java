package org.pavilion.pharmacy.internal.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * A model of an item's daily consumption in a store, fitted to its history (oldest day first, days without
 * consumption as zeros). With three weeks or more: ordinary least squares of the quantity on a linear trend and six
 * day-of-week dummies (Monday is the base day), so a ward that uses more on Mondays and less at weekends is
 * forecast that way. With less: the mean of the days there are (a moving average over the whole short history), as
 * a regression on so few weeks would chase noise. Predictions are floored at zero. Pure: no database, no clock.
 */
public final class ConsumptionModel {

    /** Below this many days of history the weekday pattern is not estimated. */
    public static final int MIN_REGRESSION_DAYS = 21;
    /** The backtest holds back this many days (four whole weeks). */
    public static final int BACKTEST_DAYS = 28;

    public static final String OLS = "OLS_TREND_WEEKDAY";
    public static final String MOVING_AVERAGE = "MOVING_AVERAGE";
    public static final String NO_HISTORY = "NO_HISTORY";

    private final String method;
    private final LocalDate firstDay;
    private final double intercept;
    private final double trendPerDay;
    /** Added to the intercept on each weekday, indexed by {@code DayOfWeek.getValue() - 1}; Monday is 0. */
    private final double[] weekdayEffect;

    private ConsumptionModel(String method, LocalDate firstDay, double intercept, double trendPerDay,
            double[] weekdayEffect) {
        this.method = method;
        this.firstDay = firstDay;
        this.intercept = intercept;
        this.trendPerDay = trendPerDay;
        this.weekdayEffect = weekdayEffect;
    }

    /** Fits {@code history}, whose element 0 is the consumption of {@code firstDay}. */
    public static ConsumptionModel fit(LocalDate firstDay, double[] history) {
        int n = history.length;
        if (n == 0) {
            return new ConsumptionModel(NO_HISTORY, firstDay, 0, 0, new double[7]);
        }
        if (n < MIN_REGRESSION_DAYS) {
            return new ConsumptionModel(MOVING_AVERAGE, firstDay, Arrays.stream(history).average().orElse(0), 0,
                    new double[7]);
        }
        double[][] x = new double[n][7];
        int firstWeekday = firstDay.getDayOfWeek().getValue() - 1;
        for (int t = 0; t < n; t++) {
            x[t][0] = t;
            int weekday = (firstWeekday + t) % 7;
            if (weekday > 0) {
                x[t][weekday] = 1; // columns 1..6: Tuesday..Sunday
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(history, x);
        double[] b = ols.estimateRegressionParameters(); // intercept, trend, Tuesday..Sunday
        double[] effect = new double[7];
        System.arraycopy(b, 2, effect, 1, 6);
        return new ConsumptionModel(OLS, firstDay, b[0], b[1], effect);
    }

    /** How the model was made: {@link #OLS}, {@link #MOVING_AVERAGE} or {@link #NO_HISTORY}. */
    public String method() {
        return method;
    }

    /** The linear trend in units per day (0 for a moving average). */
    public double trendPerDay() {
        return trendPerDay;
    }

    /** The forecast consumption of {@code day}, never below zero. */
    public double predict(LocalDate day) {
        long t = ChronoUnit.DAYS.between(firstDay, day);
        double value = intercept + trendPerDay * t + weekdayEffect[day.getDayOfWeek().getValue() - 1];
        return Math.max(0, value);
    }

    /** The forecasts of {@code days} days from {@code start} on. */
    public double[] predict(LocalDate start, int days) {
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            out[i] = predict(start.plusDays(i));
        }
        return out;
    }

    /**
     * Each weekday's mean fitted consumption over {@code historyDays} from the first day, divided by the mean over all
     * of them: 1.0 is an average day, 1.3 a day 30 % busier. All 1.0 without a weekday pattern or consumption.
     */
    public Map<DayOfWeek, Double> weekdayFactors(int historyDays) {
        Map<DayOfWeek, Double> factors = new EnumMap<>(DayOfWeek.class);
        double[] sum = new double[7];
        int[] count = new int[7];
        double total = 0;
        for (int t = 0; t < historyDays; t++) {
            LocalDate day = firstDay.plusDays(t);
            double v = predict(day);
            int w = day.getDayOfWeek().getValue() - 1;
            sum[w] += v;
            count[w]++;
            total += v;
        }
        double mean = historyDays == 0 ? 0 : total / historyDays;
        for (DayOfWeek d : DayOfWeek.values()) {
            int w = d.getValue() - 1;
            factors.put(d, mean <= 0 || count[w] == 0 ? 1.0 : sum[w] / count[w] / mean);
        }
        return factors;
    }

    /**
     * The backtest: fits the history without its last {@value #BACKTEST_DAYS} days (by the same rule, so a short
     * remainder gets a moving average), predicts them, and answers the mean absolute percentage error of the four
     * weekly totals, in percent. Weekly, not daily: a day without consumption makes a daily percentage undefined;
     * a week without any is left out. Null when there is no week to score or less than a week to learn from.
     */
    public static Double backtestMape(LocalDate firstDay, double[] history) {
        int train = history.length - BACKTEST_DAYS;
        if (train < 7) {
            return null;
        }
        ConsumptionModel model = fit(firstDay, Arrays.copyOf(history, train));
        double errors = 0;
        int weeks = 0;
        for (int week = 0; week < BACKTEST_DAYS / 7; week++) {
            double actual = 0;
            double predicted = 0;
            for (int d = 0; d < 7; d++) {
                int t = train + week * 7 + d;
                actual += history[t];
                predicted += model.predict(firstDay.plusDays(t));
            }
            if (actual > 0) {
                errors += Math.abs(actual - predicted) / actual;
                weeks++;
            }
        }
        return weeks == 0 ? null : errors / weeks * 100;
    }
}
