package org.pavilion.pharmacy.internal.forecast;

import org.pavilion.pharmacy.internal.PharmacyConfig;

/** What a forecast learns from and what a suggested order covers ({@link PharmacyConfig}). */
public record ForecastSettings(int historyDays, int leadTimeDays, int coverDays) {

    public ForecastSettings {
        historyDays = Math.max(1, historyDays);
        leadTimeDays = Math.max(0, leadTimeDays);
        coverDays = Math.max(0, coverDays);
    }

    public static ForecastSettings of(PharmacyConfig config) {
        return new ForecastSettings(config.forecastHistoryDays(), config.leadTimeDays(), config.coverDays());
    }

    /** Days of consumption a suggested order must cover: until it arrives and the cover beyond. */
    public int orderCoverDays() {
        return leadTimeDays + coverDays;
    }
}
