package org.pavilion.hl7.api;

import java.time.Instant;
import java.time.ZoneId;
import org.osgi.annotation.versioning.ProviderType;

/** What a builder needs from the feed it builds for: the header values of its configuration and of this message. */
@ProviderType
public interface OutboundContext {

    /** The feed's name (its configuration's). */
    String feed();

    /** The HL7 version the receiver takes, e.g. {@code 2.5.1}: build in it. */
    String version();

    /** MSH-3, MSH-4, MSH-5 and MSH-6 as the feed is configured. */
    String sendingApplication();

    String sendingFacility();

    String receivingApplication();

    String receivingFacility();

    /** MSH-11, e.g. {@code P}. */
    String processingId();

    /** MSH-18 for the feed's character set (e.g. {@code UNICODE UTF-8}); null when HL7 has no name for it. */
    String characterSet();

    /** The assigning authority of the hospital's MRNs (PID-3.4) for this receiver. */
    String mrnAuthority();

    /** MSH-10 of this message: the hub matches the receiver's ACK to it. */
    String controlId();

    /** When the event happened (MSH-7, EVN-2), and the zone the feed writes times in. */
    Instant occurredAt();

    ZoneId zone();
}
