package org.pavilion.emr.internal.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SHA-256 helpers and the digest headers clients may send with an upload. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** RFC 3230 {@code Digest: SHA-256=<base64>} (other algorithms in the list are ignored). */
    private static final Pattern DIGEST_ITEM = Pattern.compile("(?i)^\\s*sha-256\\s*=\\s*([A-Za-z0-9+/=]+)\\s*$");
    /** RFC 9530 {@code Repr-Digest / Content-Digest: sha-256=:<base64>:}. */
    private static final Pattern SF_ITEM = Pattern.compile("(?i)^\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]+):\\s*$");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** {@code Digest} response header value (RFC 3230). */
    public static String digestHeader(String hex) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(fromHex(hex));
    }

    /** {@code Repr-Digest} response header value (RFC 9530). */
    public static String reprDigestHeader(String hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(fromHex(hex)) + ":";
    }

    /**
     * The SHA-256 a client announced, from {@code Content-SHA256} (hex), {@code Digest} (RFC 3230) or
     * {@code Repr-Digest}/{@code Content-Digest} (RFC 9530); null when none carries a SHA-256. A header that
     * names SHA-256 with a malformed value is a client error.
     *
     * @throws IllegalArgumentException for a malformed SHA-256 value, or two headers that disagree
     */
    public static byte[] expected(String contentSha256, String digest, String reprDigest) {
        byte[] result = null;
        if (contentSha256 != null && !contentSha256.isBlank()) {
            String v = contentSha256.trim();
            if (!HEX.matcher(v).matches()) {
                throw new IllegalArgumentException("Content-SHA256 must be 64 hexadecimal digits");
            }
            result = fromHex(v.toLowerCase(Locale.ROOT));
        }
        result = agree(result, fromList(digest, DIGEST_ITEM, "Digest"));
        result = agree(result, fromList(reprDigest, SF_ITEM, "Repr-Digest"));
        return result;
    }

    private static byte[] fromList(String header, Pattern item, String name) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(",")) {
            if (!part.trim().toLowerCase(Locale.ROOT).startsWith("sha-256")) {
                continue;
            }
            Matcher m = item.matcher(part);
            byte[] value = null;
            if (m.matches()) {
                try {
                    value = Base64.getDecoder().decode(m.group(1));
                } catch (IllegalArgumentException notBase64) {
                    value = null;
                }
            }
            if (value == null || value.length != 32) {
                throw new IllegalArgumentException(name + " names sha-256 but its value is not a base64 SHA-256");
            }
            return value;
        }
        return null;
    }

    private static byte[] agree(byte[] a, byte[] b) {
        if (a != null && b != null && !MessageDigest.isEqual(a, b)) {
            throw new IllegalArgumentException("The digest headers of the request disagree with each other");
        }
        return a != null ? a : b;
    }
}
