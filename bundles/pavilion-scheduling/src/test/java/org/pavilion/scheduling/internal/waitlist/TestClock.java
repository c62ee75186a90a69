package org.pavilion.scheduling.internal.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The hospital's clock in a test: it moves only when the test says so. */
final class TestClock extends Clock {

    private final AtomicLong now;

    TestClock(Instant start) {
        now = new AtomicLong(start.toEpochMilli());
    }

    void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock outer = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return outer.withZone(z);
            }

            @Override
            public Instant instant() {
                return outer.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now.get());
    }
}
