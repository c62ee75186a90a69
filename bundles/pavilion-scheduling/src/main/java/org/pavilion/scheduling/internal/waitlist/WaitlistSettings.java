package org.pavilion.scheduling.internal.waitlist;

import java.time.ZoneId;

import org.pavilion.scheduling.internal.SchedulingConfig;

/** The part of {@link SchedulingConfig} the waiting list uses, as plain values a test can give. */
record WaitlistSettings(ZoneId zone, int offerMinutes, int maxDaysAhead) {

    static WaitlistSettings of(SchedulingConfig config) {
        ZoneId zone = config.zone() == null || config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone());
        return new WaitlistSettings(zone, Math.max(1, config.offerMinutes()), Math.max(1, config.maxDaysAhead()));
    }

    long offerMs() {
        return offerMinutes * 60_000L;
    }
}
