package org.pavilion.hl7.internal.transport;

import java.util.function.LongSupplier;

/**
 * Lets at most {@code perMinute} refusals through to the audit trail and the log in each minute, so a port
 * scanner cannot flood either; the refusals held back are counted and reported with the next one let through.
 */
public final class RefusalLimiter {

    private final int perMinute;
    private final LongSupplier clockMs;
    private long windowStartMs;
    private int inWindow;
    private long suppressed;

    public RefusalLimiter(int perMinute, LongSupplier clockMs) {
        this.perMinute = perMinute;
        this.clockMs = clockMs;
        this.windowStartMs = clockMs.getAsLong();
    }

    /** -1: hold this one back; else how many were held back since the last one let through (now reset). */
    public synchronized long admit() {
        long now = clockMs.getAsLong();
        if (now - windowStartMs >= 60_000) {
            windowStartMs = now;
            inWindow = 0;
        }
        if (inWindow >= perMinute) {
            suppressed++;
            return -1;
        }
        inWindow++;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
