package org.pavilion.hl7.api;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A department's builder of outbound HL7 messages from its events, registered as an OSGi service. Each outbound
 * feed configured in {@code etc/org.pavilion.hl7.feed-<name>.cfg} subscribes to event types; for every event it
 * receives, the hub asks the builder registered for that event type, queues what it builds and sends it in order
 * per subject. One builder per event type: for a type two builders name, the higher {@code service.ranking}, then
 * the lower {@code service.id}, builds (the other is refused for it, logged). An event no installed builder takes is
 * queued as FAILED with that reason, visible in the feed's queue.
 */
@ConsumerType
public interface OutboundBuilder {

    /** The event types it builds from (as published on the event bus, e.g. {@code LabResultReleased}). */
    Set<String> eventTypes();

    /** The department's name, for logs and the queue's reasons. */
    String department();

    /**
     * The message for one event: its JSON payload as published, and the feed's header values and MSH-10 to use.
     * Empty when this event gives nothing to send (e.g. a result not yet released). Throws
     * {@link OutboundBuildException} when the payload cannot make a message: the event is queued FAILED with that
     * reason and never sent. Called on the feed's own thread; must not block on other feeds.
     */
    Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext context);
}
