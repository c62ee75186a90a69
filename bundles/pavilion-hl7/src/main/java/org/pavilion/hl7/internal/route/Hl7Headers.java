package org.pavilion.hl7.internal.route;

/**
 * Exchange headers the hub's endpoints set, besides camel-hl7's {@code CamelHL7*} MSH headers. Names are part of
 * the route-file contract documented in the README.
 */
public final class Hl7Headers {

    /** Id of the stored message (hl7_message.id, as REST shows it). */
    public static final String MESSAGE_ID = "PavilionHl7MessageId";
    /** Listener that received it (for {@code process}: the route id). */
    public static final String LISTENER = "PavilionHl7Listener";
    /** MSH-3|MSH-4, the scope of control ids. */
    public static final String SENDER = "PavilionHl7Sender";
    /** What processing did, e.g. "CREATED 0000000123". */
    public static final String OUTCOME = "PavilionHl7Outcome";
    /** MSA-1 of the hub's ACK (AA, AE, AR): reply of {@code pavilion-hl7:process}. */
    public static final String ACK_CODE = "PavilionHl7AckCode";

    private Hl7Headers() {
    }
}
