package org.pavilion.telemedicine.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A scheduling event already applied (deliveries are at least once). */
@Entity
@Table(name = "telemedicine_event_seen")
public class EventSeenEntity {

    @Id
    @Column(name = "event_id", length = 64)
    private String eventId;

    @Column(name = "seen_ms", nullable = false)
    private long seenMs;

    public EventSeenEntity() {
    }

    EventSeenEntity(String eventId, long seenMs) {
        this.eventId = eventId;
        this.seenMs = seenMs;
    }

    public String getEventId() { return eventId; }
    public long getSeenMs() { return seenMs; }
}
