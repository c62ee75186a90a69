package org.pavilion.notifications.internal.channels.bounces;

/**
 * What a returned mail says about one of ours.
 *
 * @param notificationId our notification id, found in the returned original or the VERP address
 * @param answer         the server's diagnostic, e.g. {@code 550 5.1.1 user unknown}
 * @param permanent      false for a DSN that only reports a delay (nothing to record)
 */
record Bounce(String notificationId, String answer, boolean permanent) {
}
