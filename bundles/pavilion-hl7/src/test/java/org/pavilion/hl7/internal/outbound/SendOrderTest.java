package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

import org.pavilion.hl7.internal.outbound.SendOrder.Queued;

/** Which message a feed sends next, as a morning's queue at the registration desk would have it. */
public class SendOrderTest {

    static final long NOW = 1_000_000;

    static Queued row(long id, String mrn, long due) {
        return new Queued(id, mrn, null, due);
    }

    static long next(List<Queued> queue) {
        return SendOrder.next(queue, NOW).map(Queued::id).orElse(-1L);
    }

    @Test
    public void theOldestDueMessageGoesFirst() {
        assertEquals(1, next(List.of(row(1, "A", NOW), row(2, "B", NOW), row(3, "A", NOW))));
    }

    @Test
    public void aPatientsNextMessageWaitsWhileAnEarlierOneWaitsForItsRetry() {
        // A's registration was refused and waits out its back-off: A's update must not overtake it, B goes on
        List<Queued> queue = List.of(row(1, "A", NOW + 5000), row(2, "A", NOW), row(3, "B", NOW));
        assertEquals(3, next(queue));
    }

    @Test
    public void nothingIsSentWhenEveryPatientWaits() {
        assertEquals(Optional.empty(), SendOrder.next(List.of(row(1, "A", NOW + 1), row(2, "A", NOW)), NOW));
        assertTrue(SendOrder.next(List.of(), NOW).isEmpty());
    }

    @Test
    public void aMergeWaitsForTheDuplicatesEarlierMessagesAndHoldsBackTheirLaterOnes() {
        Queued dupUpdate = row(1, "DUP", NOW + 5000);
        Queued merge = new Queued(2, "SURV", "DUP", NOW);
        Queued survivorUpdate = row(3, "SURV", NOW);
        Queued other = row(4, "C", NOW);
        assertEquals(4, next(List.of(dupUpdate, merge, survivorUpdate, other)));
        // once the duplicate's update went, the merge is next, and the survivor's update waits for it
        assertEquals(2, next(List.of(merge, survivorUpdate, other)));
        Queued mergeRetrying = new Queued(2, "SURV", "DUP", NOW + 5000);
        assertEquals(4, next(List.of(mergeRetrying, row(5, "DUP", NOW), survivorUpdate, other)));
    }

    @Test
    public void aMessageWithoutPatientIsNeverHeldBack() {
        assertEquals(2, next(List.of(row(1, null, NOW + 10), row(2, null, NOW))));
    }
}
