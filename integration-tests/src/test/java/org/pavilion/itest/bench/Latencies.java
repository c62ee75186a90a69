package org.pavilion.itest.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies in nanoseconds from many threads; percentiles by sorting (tens of thousands at most). */
final class Latencies {
    private final long[] values;
    private final AtomicInteger n = new AtomicInteger();

    Latencies(int capacity) {
        values = new long[capacity];
    }

    void add(long nanos) {
        int i = n.getAndIncrement();
        if (i < values.length) {
            values[i] = nanos;
        }
    }

    void print(String what) {
        long[] v = Arrays.copyOf(values, Math.min(n.get(), values.length));
        Arrays.sort(v);
        System.out.printf("%-58s n=%,6d p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms%n", what, v.length, pct(v, 50),
                pct(v, 95), pct(v, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
