package org.pavilion.hl7.internal;

/**
 * A message the hub stored, applied and answered AA, after that outcome committed: what integrators' routes
 * consuming {@code pavilion-hl7:inbound} receive. {@code text} is the text the hub applied (segments separated
 * by CR; for a replayed message, the edited text).
 */
public record AcceptedMessage(String id, String listener, Hl7Text.Header header, String text, String outcome) {
}
