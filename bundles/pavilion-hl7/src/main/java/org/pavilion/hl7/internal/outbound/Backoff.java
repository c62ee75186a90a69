package org.pavilion.hl7.internal.outbound;

/** Exponential back-off: {@code initialMs} after the first failure, doubled after each further one, capped. */
public record Backoff(long initialMs, long maxMs) {

    public Backoff {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("HL7 feed: retryInitialMs must be positive and retryMaxMs at least as "
                    + "large, were " + initialMs + " and " + maxMs);
        }
    }

    /** Delay after the {@code failures}-th consecutive failure (1, 2, ...). */
    public long delayMs(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long d = initialMs << Math.min(doublings, Long.numberOfLeadingZeros(initialMs) - 1);
        return Math.min(maxMs, d);
    }
}
