package org.pavilion.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Bounded polling: check a condition until it holds or a deadline passes, then fail with the last
 * observation. Never an unbounded sleep loop.
 */
public final class Await {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private Await() {
    }

    /** A check that either passes (returns) or explains why not (throws). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} until it passes or {@code bound} elapses; then rethrows its last failure. */
    public static void until(String what, Duration bound, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Throwable last;
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError notYet) {
                last = notYet;
            }
            if (System.nanoTime() >= deadline) {
                AssertionError e = new AssertionError(what + ": not true within " + bound + "; last: " + last);
                e.initCause(last);
                throw e;
            }
            TimeUnit.MILLISECONDS.sleep(DEFAULT_INTERVAL.toMillis());
        }
    }

    /** Polls {@code value} until it is non-null (and does not throw) within {@code bound}; returns it. */
    public static <T> T value(String what, Duration bound, Callable<T> value) throws InterruptedException {
        Object[] holder = new Object[1];
        until(what, bound, () -> {
            T v = value.call();
            if (v == null) {
                throw new AssertionError("no value yet");
            }
            holder[0] = v;
        });
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}
