package org.pavilion.core.internal.security.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30 s steps, 6 digits by default. */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** The time step of {@code epochMillis}: whole 30 s periods since the Unix epoch. */
    public static long step(long epochMillis) {
        return Math.floorDiv(epochMillis, STEP_SECONDS * 1000L);
    }

    /** The code of {@code step}, zero-padded to {@code digits}, computed with {@code algorithm} ("HmacSHA1", ...). */
    public static String code(byte[] secret, long step, int digits, String algorithm) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
        // Dynamic truncation (RFC 4226 section 5.3).
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        StringBuilder out = new StringBuilder(Integer.toString(binary % POWERS[digits]));
        while (out.length() < digits) {
            out.insert(0, '0');
        }
        return out.toString();
    }

    /** The 6-digit HMAC-SHA1 code authenticator apps show for {@code step}. */
    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /**
     * The step within one step either side of {@code nowStep} whose code is {@code code} (clock drift), or -1. Compares
     * every candidate in constant time so the answer's timing does not tell which step matched.
     */
    public static long matchingStep(byte[] secret, String code, long nowStep) {
        if (code == null || code.length() != DIGITS) {
            return -1;
        }
        long found = -1;
        for (long s = nowStep - 1; s <= nowStep + 1; s++) {
            if (java.security.MessageDigest.isEqual(code(secret, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    code.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) && found < 0) {
                found = s;
            }
        }
        return found;
    }
}
