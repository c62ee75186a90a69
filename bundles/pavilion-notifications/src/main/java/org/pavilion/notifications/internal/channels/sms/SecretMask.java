package org.pavilion.notifications.internal.channels.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Keeps configured secrets out of what staff read and logs hold, and compares them without a timing leak. */
public final class SecretMask {

    private SecretMask() {
    }

    /** {@code text} with every non-empty secret replaced by {@code ***}. */
    public static String mask(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, "***");
            }
        }
        return masked;
    }

    /**
     * Whether {@code given} equals {@code expected} in time independent of where they differ (and of their lengths:
     * both are hashed first). An empty expected secret matches nothing.
     */
    public static boolean matches(String expected, String given) {
        if (expected == null || expected.isEmpty() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
