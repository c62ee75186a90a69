package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.Test;

public class Sha256Test {

    // SHA-256 of "abc" (FIPS 180-2 test vector).
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    public void digestsAndFormatsHeaders() {
        assertEquals(ABC, Sha256.hex(Sha256.newDigest().digest("abc".getBytes(StandardCharsets.US_ASCII))));
        String b64 = Base64.getEncoder().encodeToString(Sha256.fromHex(ABC));
        assertEquals("SHA-256=" + b64, Sha256.digestHeader(ABC));
        assertEquals("sha-256=:" + b64 + ":", Sha256.reprDigestHeader(ABC));
    }

    @Test
    public void readsTheDigestAClientAnnouncesInAnyOfTheHeaders() {
        byte[] abc = Sha256.fromHex(ABC);
        String b64 = Base64.getEncoder().encodeToString(abc);
        assertArrayEquals(abc, Sha256.expected(ABC.toUpperCase(), null, null));
        assertArrayEquals(abc, Sha256.expected(null, "MD5=xyz, SHA-256=" + b64, null));
        assertArrayEquals(abc, Sha256.expected(null, null, "sha-512=:AAAA:, sha-256=:" + b64 + ":"));
        assertArrayEquals(abc, Sha256.expected(ABC, "SHA-256=" + b64, "sha-256=:" + b64 + ":"));
        assertNull(Sha256.expected(null, "MD5=xyz", " "));
    }

    @Test
    public void malformedOrContradictoryDigestsAreClientErrors() {
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        for (String[] h : new String[][] {{"abc", null, null}, {null, "SHA-256=not base64!", null},
            {null, "SHA-256=" + Base64.getEncoder().encodeToString(new byte[16]), null}, {ABC, "SHA-256=" + other, null}}) {
            try {
                Sha256.expected(h[0], h[1], h[2]);
                fail("accepted " + String.join(" | ", String.valueOf(h[0]), String.valueOf(h[1])));
            } catch (IllegalArgumentException expected) {
                // a 400 for the client
            }
        }
    }
}
