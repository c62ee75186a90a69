package org.pavilion.hl7.internal.outbound;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which queued message a feed sends next: the oldest one that is due and whose patient has no earlier message
 * still pending (waiting for its back-off counts as pending). A merge belongs to both its patients, so it waits
 * for either one's earlier messages and holds back either one's later messages. A patient's message is
 * therefore never sent before the previous one was acknowledged AA; other patients go on meanwhile.
 */
public final class SendOrder {

    /** A PENDING row as the rule sees it. */
    public record Queued(long id, String patientKey, String relatedKey, long nextAttemptMs) {
    }

    private SendOrder() {
    }

    /**
     * @param pending a feed's PENDING rows in queue order (event time, then event id)
     * @return the row to send now, if any
     */
    public static Optional<Queued> next(List<Queued> pending, long now) {
        Set<String> waiting = new HashSet<>();
        for (Queued q : pending) {
            boolean blocked = waiting.contains(q.patientKey()) || waiting.contains(q.relatedKey());
            if (!blocked && q.nextAttemptMs() <= now) {
                return Optional.of(q);
            }
            if (q.patientKey() != null) {
                waiting.add(q.patientKey());
            }
            if (q.relatedKey() != null) {
                waiting.add(q.relatedKey());
            }
        }
        return Optional.empty();
    }
}
