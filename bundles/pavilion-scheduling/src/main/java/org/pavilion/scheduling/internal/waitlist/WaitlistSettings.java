package org.pavilion.scheduling.internal.waitlist;

import java.time.ZoneId;

import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;

/** The part of {@link SchedulingConfig} the waiting list uses, as plain values a test can give. */
record WaitlistSettings(ZoneId zone, int offerMinutes, int maxDaysAhead) {

    static WaitlistSettings of(SchedulingConfig config) {
        return new WaitlistSettings(Times.zone(config.zone()), Math.max(1, config.offerMinutes()), Math.max(1, config.maxDaysAhead()));
    }

    long offerMs() {
        return offerMinutes * 60_000L;
    }
}
