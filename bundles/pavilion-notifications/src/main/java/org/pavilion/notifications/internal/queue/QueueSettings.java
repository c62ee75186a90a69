package org.pavilion.notifications.internal.queue;

import org.pavilion.core.api.retry.Backoff;
import org.pavilion.notifications.internal.NotificationsConfig;

/**
 * The dispatcher's pace and retry policy, read once from {@link NotificationsConfig} (a plain record so tests need no
 * configuration admin).
 */
public record QueueSettings(long dispatchIntervalMs, int batchSize, int senders, int maxAttempts, Backoff backoff,
        long claimTimeoutMs, int logRetentionDays) {

    public static QueueSettings of(NotificationsConfig c) {
        return new QueueSettings(Math.max(10, c.dispatchIntervalMs()), Math.max(1, c.batchSize()),
                Math.max(1, c.senders()), Math.max(1, c.maxAttempts()), backoff(c), Math.max(1000, c.claimTimeoutMs()),
                Math.max(1, c.logRetentionDays()));
    }

    /** A retry no sooner than 1 ms and a cap no shorter than the first delay, whatever the configuration says. */
    private static Backoff backoff(NotificationsConfig c) {
        long base = Math.max(1, c.backoffBaseMs());
        return new Backoff(base, Math.max(base, c.backoffMaxMs()));
    }
}
