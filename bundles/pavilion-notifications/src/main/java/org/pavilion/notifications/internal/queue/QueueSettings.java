package org.pavilion.notifications.internal.queue;

import org.pavilion.notifications.internal.NotificationsConfig;

/**
 * The dispatcher's pace and retry policy, read once from {@link NotificationsConfig} (a plain record so tests need no
 * configuration admin).
 */
public record QueueSettings(long dispatchIntervalMs, int batchSize, int senders, int maxAttempts, long backoffBaseMs,
        long backoffMaxMs, long claimTimeoutMs, int logRetentionDays) {

    public static QueueSettings of(NotificationsConfig c) {
        return new QueueSettings(Math.max(10, c.dispatchIntervalMs()), Math.max(1, c.batchSize()),
                Math.max(1, c.senders()), Math.max(1, c.maxAttempts()), Math.max(0, c.backoffBaseMs()),
                Math.max(0, c.backoffMaxMs()), Math.max(1000, c.claimTimeoutMs()), Math.max(1, c.logRetentionDays()));
    }

    /** Delay before attempt {@code attempts + 1}: base · 2^(attempts-1), capped; overflow-safe. */
    public long backoffAfter(int attempts) {
        int shift = Math.max(0, attempts - 1);
        if (shift >= 62 || backoffBaseMs > (Long.MAX_VALUE >> shift)) {
            return backoffMaxMs;
        }
        return Math.min(backoffBaseMs << shift, backoffMaxMs);
    }
}
