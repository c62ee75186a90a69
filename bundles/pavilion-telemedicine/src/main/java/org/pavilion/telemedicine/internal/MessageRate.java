package org.pavilion.telemedicine.internal;

import java.util.function.LongSupplier;

/**
 * At most {@code max} messages per second on one signalling connection, counted in one-second windows that start at
 * a connection's first message after the previous window. A connection over the limit is closed (1008) rather than
 * having messages dropped: a dropped offer, answer or ICE candidate would leave the call half-negotiated with nobody
 * told, whereas a closed connection is what the page already handles (it fetches a new ticket and restarts ICE).
 */
final class MessageRate {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int max;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int count;

    MessageRate(int max, LongSupplier nanoClock) {
        this.max = max;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong() - SECOND_NANOS; // the first message opens a window
    }

    MessageRate(int max) {
        this(max, System::nanoTime);
    }

    /** Counts one message; false once this second's allowance is used up. */
    synchronized boolean allow() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            count = 0;
        }
        return ++count <= max;
    }

    int max() {
        return max;
    }
}
