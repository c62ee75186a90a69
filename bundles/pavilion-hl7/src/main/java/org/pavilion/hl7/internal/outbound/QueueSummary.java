package org.pavilion.hl7.internal.outbound;

/** One feed's queue at a glance, as GET /api/v1/hl7/outbound/queues shows it: counts per status, no message data. */
public class QueueSummary {
    public String feed;
    public long pending;
    public long sent;
    public long failed;
    /** When the oldest PENDING message's event occurred (how far behind the feed is); null when none waits. */
    public Long oldestPendingMs;
    /** When the last message was delivered; null when none was. */
    public Long lastSentMs;
}
