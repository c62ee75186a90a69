package org.pavilion.telemedicine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.pavilion.telemedicine} (etc/org.pavilion.telemedicine.cfg); changes apply to the next join. */
@ObjectClassDefinition(name = "Pavilion telemedicine",
        description = "ICE servers handed to the participants of a video consultation, guest links and signalling limits")
public @interface TelemedicineConfig {

    @AttributeDefinition(description = "STUN server URLs (stun:host:port), comma-separated; empty for none "
            + "(host candidates only, enough inside one network)")
    String[] stunUrls() default {};

    @AttributeDefinition(description = "TURN server URLs (turn:host:3478?transport=udp, turns:host:5349), comma-separated")
    String[] turnUrls() default {};

    @AttributeDefinition(description = "TURN user name, given only to the participants of a consultation")
    String turnUsername() default "";

    @AttributeDefinition(description = "TURN credential, given only to the participants of a consultation",
            type = AttributeType.PASSWORD)
    String turnCredential() default "";

    @AttributeDefinition(description = "Lifetime of a guest link when the doctor names none, in minutes")
    int guestLinkDefaultMinutes() default 60;

    @AttributeDefinition(description = "Longest lifetime a doctor may give a guest link, in minutes")
    int guestLinkMaxMinutes() default 1440;

    @AttributeDefinition(description = "How long a redeemed guest's session lasts at most, in minutes "
            + "(it ends with the consultation anyway)")
    int guestSessionMinutes() default 240;

    @AttributeDefinition(description = "How long a signalling ticket may wait before its WebSocket connects, in seconds")
    int signalTicketSeconds() default 60;

    @AttributeDefinition(description = "Largest signalling message accepted, in bytes (an SDP offer is a few KB)")
    int maxMessageBytes() default 65536;

    @AttributeDefinition(description = "Most signalling messages one connection may send in a second; beyond it the "
            + "connection is closed (1008) and the client reconnects with a new ticket. Trickled ICE candidates and "
            + "chat stay far below it")
    int maxMessagesPerSecond() default 50;

    @AttributeDefinition(description = "Most connections one call's room holds (host, patient and guests; 2 to 8). "
            + "Each browser sends its video to every other one (a mesh, no media server), so every participant "
            + "beyond the fourth costs each of them upload bandwidth; a newcomer beyond it is refused (room-full)")
    int maxParticipants() default 4;

    @AttributeDefinition(description = "Largest file a participant may share in a call into the patient's EMR "
            + "documents, in bytes (the EMR's own document limit applies too)")
    long maxFileBytes() default 10485760L;

    @AttributeDefinition(description = "Media types a participant may share in a call, comma-separated; the EMR "
            + "accepts application/pdf, image/jpeg, image/png, image/tiff and application/dicom and checks the bytes")
    String[] allowedFileTypes() default {"application/pdf", "image/jpeg", "image/png"};
}
