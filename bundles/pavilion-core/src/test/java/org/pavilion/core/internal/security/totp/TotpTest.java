package org.pavilion.core.internal.security.totp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

/** RFC 6238 Appendix B and RFC 4648 section 10 test vectors. */
public class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @Test
    public void theRfc6238VectorsGiveTheirEightDigitCodes() {
        long[] seconds = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] sha1 = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        String[] sha256 = {"46119246", "68084774", "67062674", "91819424", "90698825", "77737706"};
        String[] sha512 = {"90693936", "25091201", "99943326", "93441116", "38618901", "47863826"};
        for (int i = 0; i < seconds.length; i++) {
            long step = Totp.step(seconds[i] * 1000L);
            assertEquals(sha1[i], Totp.code(SHA1_SEED, step, 8, "HmacSHA1"));
            assertEquals(sha256[i], Totp.code(SHA256_SEED, step, 8, "HmacSHA256"));
            assertEquals(sha512[i], Totp.code(SHA512_SEED, step, 8, "HmacSHA512"));
        }
    }

    @Test
    public void theAppCodeIsTheLastSixDigitsAndOneStepOfDriftIsTolerated() {
        long step = Totp.step(1111111109L * 1000L);
        assertEquals("081804", Totp.code(SHA1_SEED, step));
        assertEquals(step, Totp.matchingStep(SHA1_SEED, "081804", step));
        assertEquals(step, Totp.matchingStep(SHA1_SEED, "081804", step + 1));
        assertEquals(step, Totp.matchingStep(SHA1_SEED, "081804", step - 1));
        assertEquals(-1, Totp.matchingStep(SHA1_SEED, "081804", step + 2));
        assertEquals(-1, Totp.matchingStep(SHA1_SEED, "81804", step));
        assertEquals(-1, Totp.matchingStep(SHA1_SEED, null, step));
    }

    @Test
    public void base32FollowsRfc4648() {
        String[][] vectors = {{"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
        for (String[] v : vectors) {
            assertEquals(v[1], Base32.encode(v[0].getBytes(StandardCharsets.US_ASCII)));
            assertArrayEquals(v[0].getBytes(StandardCharsets.US_ASCII), Base32.decode(v[1]));
        }
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi======"));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(SHA1_SEED));
    }

    @Test(expected = IllegalArgumentException.class)
    public void base32RefusesCharactersOutsideItsAlphabet() {
        Base32.decode("MZ1W");
    }
}
