package org.pavilion.core.api.rest;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.junit.Test;

/**
 * The charges desk lists a patient's charges ten to a page; a charge posted between the page's read and its count must
 * not make the page claim more (or fewer) charges than it lists.
 */
public class PageTest {

    private final AtomicInteger counted = new AtomicInteger();

    private LongSupplier count(long n) {
        return () -> {
            counted.incrementAndGet();
            return n;
        };
    }

    @Test
    public void aPartialPageTakesItsTotalFromItsOwnRows() {
        // the count would have seen a charge posted after the read
        Page<String> first = Page.of(List.of("consultation", "x-ray"), 0, 10, count(3));
        assertEquals(2, first.getTotal());
        Page<String> third = Page.of(List.of("ward day"), 2, 10, count(99));
        assertEquals(21, third.getTotal());
        assertEquals(0, counted.get());
    }

    @Test
    public void anEmptyFirstPageIsZeroWithoutCounting() {
        assertEquals(0, Page.of(List.of(), 0, 10, count(1)).getTotal());
        assertEquals(0, counted.get());
    }

    @Test
    public void aFullPageAsksTheCount() {
        Page<String> full = Page.of(List.of("a", "b", "c"), 1, 3, count(11));
        assertEquals(11, full.getTotal());
        assertEquals(1, counted.get());
    }

    @Test
    public void anEmptyPageBeyondTheEndAsksTheCount() {
        Page<String> beyond = Page.of(List.of(), 5, 10, count(12));
        assertEquals(12, beyond.getTotal());
        assertEquals(1, counted.get());
    }

    @Test
    public void theTotalIsNeverBelowWhatThePageShows() {
        // charges voided between the read and the count: the page still shows what it read
        Page<String> full = Page.of(List.of("a", "b", "c"), 1, 3, count(2));
        assertEquals(6, full.getTotal());
        assertEquals(1, counted.get());
    }

    @Test
    public void farPagesDoNotOverflow() {
        Page<String> far = Page.of(List.of("a"), Integer.MAX_VALUE, Page.MAX_SIZE, count(0));
        assertEquals((long) Integer.MAX_VALUE * Page.MAX_SIZE + 1, far.getTotal());
    }
}
