package org.pavilion.events.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.Test;

/** Event ids sort in the order they were made, within a millisecond and beyond 4,096 of them in one. */
public class EventIdsTest {

    @Test
    public void idsSortInTheOrderTheyWereMadeEvenInOneMillisecond() {
        long now = System.currentTimeMillis() + 60_000; // ahead of any id other tests made
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // more than the 4,096 a millisecond's counter holds
            made.add(EventIds.next(now));
        }
        made.add(EventIds.next(now + 1));
        made.add(EventIds.next(now - 5)); // the clock went back: still after the others
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted);
        assertEquals("unique", made.size(), made.stream().distinct().count());
        UUID id = UUID.fromString(made.get(0));
        assertEquals("UUID version 7", 7, id.version());
        assertEquals("IETF variant", 2, id.variant());
        assertTrue("time first", made.get(0).startsWith(String.format("%08x", now >>> 16)));
    }
}
