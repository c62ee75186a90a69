package org.pavilion.events.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A parked delivery as administrators see it: one event that one subscriber kept failing on. */
public final class DeadLetter {
    /** The delivery id: what replay takes. */
    public String id;
    public String eventId;
    public String eventType;
    public String subscriber;
    public String source;
    public String occurredAt;
    public String status;
    public int attempts;
    public String lastError;
    public String updatedAt;
    /** The event's subject key, or null. */
    public String subjectKey;
    /** Later events of the same subscriber and key held back until this one is replayed and delivered, or discarded. */
    public int holdsBack;
    /** The earliest dead letter of the same subscriber and key parked before this one: replayed, this one still waits for it. */
    public String blockedBy;
    /** The event's JSON, shown as JSON rather than as an escaped string. */
    @JsonRawValue
    public String payload;
}
