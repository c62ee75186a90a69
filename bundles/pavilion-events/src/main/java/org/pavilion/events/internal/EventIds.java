package org.pavilion.events.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids that sort in the order they were made (UUID version 7 layout: 48 bits of epoch milliseconds, then a
 * 12-bit counter within the millisecond, then random bits). The outbox relays and delivers events by their time
 * and then their id, so two events of one millisecond (a registration and the update that follows it in the same
 * group) reach subscribers, and the HL7 feeds' per-patient queues, in the order they were published. One generator
 * for every publisher of the container.
 */
final class EventIds {

    private static long lastMs = Long.MIN_VALUE;
    private static int counter;

    private EventIds() {
    }

    /** A new id, later in sort order than every id made before it in this container; {@code nowMs} its time. */
    static synchronized String next(long nowMs) {
        if (nowMs > lastMs) {
            lastMs = nowMs;
            counter = 0;
        } else if (++counter > 0xFFF) {
            lastMs++; // more than 4,096 in one millisecond (or the clock went back): borrow the next one
            counter = 0;
        }
        long msb = (lastMs & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long lsb = ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}
