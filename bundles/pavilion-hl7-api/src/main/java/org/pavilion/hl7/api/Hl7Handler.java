package org.pavilion.hl7.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A department's handler of inbound HL7 v2 messages, registered as an OSGi service; the hub tracks handlers
 * whiteboard-style, so a message type is answered AA from the first message after the handler's bundle starts and
 * AR again once it stops. The hub stores the message, checks for duplicates, decodes its charset, runs the handler
 * as the sender's INTEGRATION caller and answers only after the handler's outcome is committed.
 *
 * <p>One handler per message type: when two handlers name the same type the one with the higher
 * {@code service.ranking}, then the lower {@code service.id} (the one registered first) takes it; the other is
 * refused for that type (logged) and takes it over only when the first goes away.
 */
@ConsumerType
public interface Hl7Handler {

    /**
     * The types this handler takes, read once when it is registered: {@code TYPE^TRIGGER} such as {@code SIU^S12},
     * or {@code TYPE^*} for every trigger of a type ({@code ORU^*}). An exact entry wins over a wildcard of another
     * handler. Types are matched on MSH-9.1 and MSH-9.2; the message structure (MSH-9.3) is not looked at.
     */
    Set<String> messageTypes();

    /** The department's name as people know it ({@code scheduling}, {@code EMR}): it appears in ACK texts and logs. */
    String department();

    /**
     * Applies the message. Either commits the outcome with the department's own write in one transaction
     * ({@link Completion#commit}), or calls {@link Completion#store} before writing anything committed on its own;
     * a handler that refuses a message before writing needs neither. Throws {@link Hl7ContentException} for content
     * it cannot take (answered AE with its location, message parked for replay); any other exception is answered
     * AE "processing failed" and parks the message too.
     */
    Outcome handle(InboundMessage message, Completion completion) throws Exception;
}
