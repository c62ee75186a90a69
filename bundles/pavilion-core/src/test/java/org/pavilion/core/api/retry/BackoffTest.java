package org.pavilion.core.api.retry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class BackoffTest {

    @Test
    public void doublesFromTheFirstDelayUpToTheLongest() {
        Backoff b = new Backoff(5_000, 60_000);
        assertEquals(5_000, b.delayMs(1));
        assertEquals(10_000, b.delayMs(2));
        assertEquals(20_000, b.delayMs(3));
        assertEquals(40_000, b.delayMs(4));
        assertEquals(60_000, b.delayMs(5));
        assertEquals(60_000, b.delayMs(500));
        assertEquals("a count below one is the first failure", 5_000, b.delayMs(0));
    }

    @Test
    public void neverOverflowsHoweverManyFailures() {
        Backoff b = new Backoff(Long.MAX_VALUE / 4, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE / 4 * 2, b.delayMs(2));
        assertEquals(Long.MAX_VALUE / 4 * 4, b.delayMs(3));
        assertEquals("one more doubling would reach the sign bit", Long.MAX_VALUE, b.delayMs(4));
        assertEquals(Long.MAX_VALUE, new Backoff(1, Long.MAX_VALUE).delayMs(Integer.MAX_VALUE));
        assertEquals(1L << 62, new Backoff(1, Long.MAX_VALUE).delayMs(63));
    }

    @Test
    public void refusesADelayThatCannotBeMet() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(2_000, 1_000));
    }
}
