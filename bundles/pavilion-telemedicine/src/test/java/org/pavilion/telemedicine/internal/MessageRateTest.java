package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

/** A doctor's browser trickles ICE candidates in bursts; a broken script loops on send. */
public class MessageRateTest {

    private static final long MS = 1_000_000L;

    @Test
    public void aBurstUpToTheLimitPassesAndTheNextMessageInThatSecondDoesNot() {
        AtomicLong now = new AtomicLong(5_000 * MS);
        MessageRate rate = new MessageRate(3, now::get);
        assertTrue(rate.allow());
        now.addAndGet(100 * MS);
        assertTrue(rate.allow());
        assertTrue(rate.allow());
        now.addAndGet(800 * MS);
        assertFalse("a fourth within the same second", rate.allow());
        now.addAndGet(100 * MS);
        assertTrue("a new second, a new allowance", rate.allow());
        assertTrue(rate.allow());
        assertTrue(rate.allow());
        assertFalse(rate.allow());
        assertEquals(3, rate.max());
    }
}
