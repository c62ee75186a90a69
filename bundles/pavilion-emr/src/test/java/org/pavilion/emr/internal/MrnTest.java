package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;

import org.junit.Test;

public class MrnTest {

    @Test
    public void sequenceNumbersAreZeroPaddedAndCarryMod97CheckDigits() {
        // 4200 mod 97 = 29, so the check digits are 98 - 29 = 69.
        assertEquals("0000004269", Mrn.of(42));
        assertEquals("0000000195", Mrn.of(1));
        assertEquals("9999999952", Mrn.of(99_999_999));
        // Past 8 digits the number simply grows.
        assertEquals(11, Mrn.of(100_000_000).length());
        for (long n : new long[] {1, 2, 97, 12345, 99_999_999, 100_000_000, 123_456_789_012L}) {
            String mrn = Mrn.of(n);
            assertEquals(mrn, 1, new BigInteger(mrn).mod(BigInteger.valueOf(97)).intValue());
            assertTrue(mrn, Mrn.isValid(mrn));
        }
    }

    @Test
    public void everySingleDigitTypoIsCaught() {
        for (long n = 1; n < 3000; n += 7) {
            String mrn = Mrn.of(n);
            for (int i = 0; i < mrn.length(); i++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != mrn.charAt(i)) {
                        String typo = mrn.substring(0, i) + d + mrn.substring(i + 1);
                        assertFalse(typo + " passed for " + mrn, Mrn.isValid(typo));
                    }
                }
            }
        }
    }

    @Test
    public void everySwapOfNeighbouringDigitsIsCaught() {
        for (long n = 1; n < 3000; n += 7) {
            String mrn = Mrn.of(n);
            for (int i = 0; i + 1 < mrn.length(); i++) {
                if (mrn.charAt(i) != mrn.charAt(i + 1)) {
                    String swapped = mrn.substring(0, i) + mrn.charAt(i + 1) + mrn.charAt(i) + mrn.substring(i + 2);
                    assertFalse(swapped + " passed for " + mrn, Mrn.isValid(swapped));
                }
            }
        }
    }

    @Test
    public void malformedNumbersAreNotMrns() {
        assertFalse(Mrn.isValid(null));
        assertFalse(Mrn.isValid(""));
        assertFalse(Mrn.isValid("000000042"));   // too short
        assertFalse(Mrn.isValid("00000042-69"));
        assertFalse(Mrn.isValid("00000O4269"));  // letter O
        assertFalse(Mrn.isValid("1234567890123456789"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void sequenceStartsAtOne() {
        Mrn.of(0);
    }
}
