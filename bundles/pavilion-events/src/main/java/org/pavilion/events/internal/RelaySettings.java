package org.pavilion.events.internal;

import org.pavilion.core.api.retry.Backoff;

/**
 * How the relay retries and keeps things.
 *
 * @param backoff                 delay after a failed attempt: the base, doubled for each further one, capped
 * @param maxAttempts             attempts before a delivery is parked as a dead letter
 * @param batchSize               outbox rows fanned out, and deliveries made, per relay tick at most
 * @param subscriptionRetentionMs how long a subscriber that stopped keeps getting events stored for it
 * @param deliveredRetentionMs    how long delivered events are kept before they are deleted
 */
public record RelaySettings(Backoff backoff, int maxAttempts, int batchSize,
        long subscriptionRetentionMs, long deliveredRetentionMs) {

    public RelaySettings {
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("max attempts and batch size must be at least 1");
        }
        if (subscriptionRetentionMs < EventRelay.HEARTBEAT_MS * 2 || deliveredRetentionMs < 0) {
            throw new IllegalArgumentException("subscription retention must be at least two heartbeats ("
                    + EventRelay.HEARTBEAT_MS * 2 + " ms); delivered retention not negative");
        }
    }
}
