package org.pavilion.core.api.retry;

/**
 * Exponential back-off for work tried again after a failure (a database that did not answer, a peer that refused):
 * {@code initialMs} after the first failure, doubled after each further one, never more than {@code maxMs}.
 */
public record Backoff(long initialMs, long maxMs) {

    public Backoff {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("back-off: the first delay must be positive and the longest at least "
                    + "as long, were " + initialMs + " ms and " + maxMs + " ms");
        }
    }

    /** The delay after the {@code failures}-th consecutive failure (1, 2, ...; 0 or less counts as the first). */
    public long delayMs(int failures) {
        int doublings = Math.max(0, failures - 1);
        // A shift that would reach the sign bit overflows: the cap applies long before for any sensible pair.
        if (doublings >= Long.numberOfLeadingZeros(initialMs)) {
            return maxMs;
        }
        return Math.min(maxMs, initialMs << doublings);
    }
}
