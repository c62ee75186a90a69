package org.pavilion.hl7.internal;

/** What processing a message came to: the ACK code, the stored status, and why. */
public record Outcome(String ackCode, String status, String text, Ack.Error error, String summary) {

    /** Applied (or found applied before): AA. */
    public static Outcome accepted(String summary) {
        return new Outcome("AA", MessageStore.PROCESSED, null, null, summary);
    }

    /** A content or processing error: AE with ERR; the message is parked for an integrator to fix and replay. */
    public static Outcome error(Ack.Error error, String text) {
        return new Outcome("AE", MessageStore.PARKED, text, error, null);
    }

    /** Not for us (type, version) or for a department not installed: AR with ERR. */
    public static Outcome rejected(int code, String text) {
        return new Outcome("AR", MessageStore.REJECTED, text, Ack.Error.of(code), null);
    }
}
