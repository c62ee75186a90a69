package org.pavilion.events.internal;

/**
 * How the relay retries and keeps things.
 *
 * @param backoffBaseMs           delay before the second attempt; doubled for each further attempt
 * @param backoffMaxMs            the longest delay between two attempts
 * @param maxAttempts             attempts before a delivery is parked as a dead letter
 * @param batchSize               outbox rows fanned out, and deliveries made, per relay tick at most
 * @param subscriptionRetentionMs how long a subscriber that stopped keeps getting events stored for it
 * @param deliveredRetentionMs    how long delivered events are kept before they are deleted
 */
public record RelaySettings(long backoffBaseMs, long backoffMaxMs, int maxAttempts, int batchSize,
        long subscriptionRetentionMs, long deliveredRetentionMs) {

    public RelaySettings {
        if (backoffBaseMs < 1 || backoffMaxMs < backoffBaseMs) {
            throw new IllegalArgumentException("need 1 <= backoff base <= backoff max, was " + backoffBaseMs + " and " + backoffMaxMs);
        }
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("max attempts and batch size must be at least 1");
        }
        if (subscriptionRetentionMs < EventRelay.HEARTBEAT_MS * 2 || deliveredRetentionMs < 0) {
            throw new IllegalArgumentException("subscription retention must be at least two heartbeats ("
                    + EventRelay.HEARTBEAT_MS * 2 + " ms); delivered retention not negative");
        }
    }

    /** Delay after the given (1-based) failed attempt: base, 2 base, 4 base, ... capped at max. */
    public long backoffAfter(int attempts) {
        long delay = backoffBaseMs;
        for (int i = 1; i < attempts && delay < backoffMaxMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, backoffMaxMs);
    }
}
