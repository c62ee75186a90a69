package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class AckClockTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

    /** Across a night when Berlin's clocks go back, every millisecond reads as the formatter reads it. */
    @Test
    public void readsAsTheFormatterAcrossSecondsAndADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        AtomicLong now = new AtomicLong();
        AckClock clock = new AckClock(berlin, now::get);
        long autumn = Instant.parse("2026-10-25T00:59:58.990Z").toEpochMilli(); // 02:59:58 CEST, then 02:00 CET
        for (long ms = autumn; ms < autumn + 4_000; ms += 7) {
            now.set(ms);
            assertEquals(Instant.ofEpochMilli(ms).atZone(berlin).format(TS), clock.now());
        }
        now.set(Instant.parse("2026-11-26T09:05:00.004Z").toEpochMilli());
        assertEquals("20261126100500.004+0100", clock.now());
    }
}
