package org.pavilion.core.internal.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket of password checks per client address, consulted before any hash runs, so one address cannot make
 * the server burn CPU on PBKDF2 (or guess passwords) faster than the configured rate. Thread-safe; the map is bounded
 * by evicting addresses whose bucket has refilled (they carry no state worth keeping).
 */
final class LoginThrottle {

    /** What {@link #tryAcquire} decided. */
    record Decision(boolean allowed, long retryAfterSeconds, boolean firstRefusalInWindow) {
        static final Decision ALLOWED = new Decision(true, 0, false);
    }

    private static final long WINDOW_MS = 60_000L;

    private final double perMinute;
    private final double burst;
    private final int maxAddresses;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute    checks an address regains per minute; 0 or less turns the throttle off
     * @param burst        checks an address may make at once before the rate applies
     * @param maxAddresses addresses remembered before refilled ones are evicted
     */
    LoginThrottle(int perMinute, int burst, int maxAddresses) {
        this.perMinute = perMinute;
        this.burst = Math.max(1, burst);
        this.maxAddresses = maxAddresses;
    }

    /** Takes one check for {@code address} at {@code nowMs}, or says how long to wait before the next one. */
    Decision tryAcquire(String address, long nowMs) {
        if (perMinute <= 0) {
            return Decision.ALLOWED;
        }
        String key = address == null ? "unknown" : address;
        if (buckets.size() >= maxAddresses && !buckets.containsKey(key)) {
            evictRefilled(nowMs);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowMs));
        synchronized (b) {
            b.refill(nowMs, perMinute, burst);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Decision.ALLOWED;
            }
            long waitMs = (long) Math.ceil((1 - b.tokens) * WINDOW_MS / perMinute);
            boolean first = nowMs - b.lastRefusalReportedMs >= WINDOW_MS;
            if (first) {
                b.lastRefusalReportedMs = nowMs;
            }
            return new Decision(false, Math.max(1, (waitMs + 999) / 1000), first);
        }
    }

    int size() {
        return buckets.size();
    }

    private void evictRefilled(long nowMs) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            Bucket b = it.next();
            synchronized (b) {
                b.refill(nowMs, perMinute, burst);
                if (b.tokens >= burst && nowMs - b.lastRefusalReportedMs >= WINDOW_MS) {
                    it.remove();
                }
            }
        }
        // Still full of busy addresses (a spread attack): forget the oldest-refilled half rather than grow without bound.
        if (buckets.size() >= maxAddresses) {
            int drop = buckets.size() / 2;
            for (Iterator<String> it = buckets.keySet().iterator(); it.hasNext() && drop > 0; drop--) {
                it.next();
                it.remove();
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long refilledMs;
        long lastRefusalReportedMs = Long.MIN_VALUE / 2;

        Bucket(double tokens, long nowMs) {
            this.tokens = tokens;
            this.refilledMs = nowMs;
        }

        void refill(long nowMs, double perMinute, double burst) {
            if (nowMs > refilledMs) {
                tokens = Math.min(burst, tokens + (nowMs - refilledMs) * perMinute / WINDOW_MS);
                refilledMs = nowMs;
            }
        }
    }
}
