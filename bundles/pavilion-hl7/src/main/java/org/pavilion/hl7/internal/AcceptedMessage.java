package org.pavilion.hl7.internal;

/**
 * A message the hub stored, applied and answered AA, read back from the store after that outcome committed: what
 * integrators' routes consuming {@code pavilion-hl7:inbound} receive. {@code seq} is its accept_seq (commit
 * order), {@code text} the text the hub applied (segments separated by CR; for a replayed message, the edited
 * text), {@code header} its MSH (null only if the stored text has none).
 */
public record AcceptedMessage(long seq, String id, String listener, Hl7Text.Header header, String text,
        String outcome) {
}
