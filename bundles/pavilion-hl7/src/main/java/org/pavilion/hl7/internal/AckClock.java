package org.pavilion.hl7.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;

/**
 * MSH-7 of the hub's ACKs, {@code yyyyMMddHHmmss.SSS+ZZZZ} in the container's time zone. The formatter runs once a
 * second, not once an ACK (formatting a ZonedDateTime per message was a twentieth of a listener thread's CPU); the
 * milliseconds are appended. Thread-safe: each second's text is an immutable value.
 */
final class AckClock {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("Z");

    private record Second(long epochSecond, String text, String offset) {
    }

    private final ZoneId zone;
    private final LongSupplier millis;
    private volatile Second current = new Second(Long.MIN_VALUE, "", "");

    AckClock() {
        this(ZoneId.systemDefault(), System::currentTimeMillis);
    }

    AckClock(ZoneId zone, LongSupplier millis) {
        this.zone = zone;
        this.millis = millis;
    }

    String now() {
        long ms = millis.getAsLong();
        long second = Math.floorDiv(ms, 1000L);
        int milli = (int) Math.floorMod(ms, 1000L);
        Second s = current;
        if (s.epochSecond() != second) {
            ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
            s = new Second(second, t.format(SECOND), t.format(OFFSET));
            current = s;
        }
        StringBuilder b = new StringBuilder(24).append(s.text()).append('.');
        if (milli < 100) {
            b.append(milli < 10 ? "00" : "0");
        }
        return b.append(milli).append(s.offset()).toString();
    }
}
