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
    /** The event's JSON, shown as JSON rather than as an escaped string. */
    @JsonRawValue
    public String payload;
}
