package org.pavilion.lab.internal.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

/** The barcode's check digit catches what a tired eye or a smudged label gets wrong. */
public class SpecimenIdsTest {

    @Test
    public void theCheckDigitIsIso7064Mod11Comma10() {
        // worked by hand: p=10; 7: s=7, p=14%11=3; 9: s=2, p=4; 4: s=8, p=16%11=5; c = (11-5)%10 = 6
        assertEquals(6, SpecimenIds.checkDigit("794"));
        // zeros: s=10, p=9; s=9, p=7; 7,3; 3,6; 6,1; 1,2; 2,4; 4,8; 8,5: c = 6
        assertEquals(6, SpecimenIds.checkDigit("000000000"));
        assertTrue(SpecimenIds.valid("S0000000006"));
        assertFalse(SpecimenIds.valid("S0000000002"));
    }

    @Test
    public void everyDrawnIdIsValidAndTheyDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = SpecimenIds.next();
            assertTrue(id, id.matches("S[0-9]{10}"));
            assertTrue(id, SpecimenIds.valid(id));
            seen.add(id);
        }
        assertEquals(2000, seen.size());
    }

    @Test
    public void aWrongDigitIsAlwaysRefusedAndSwappedNeighboursAlmostAlways() {
        int swaps = 0;
        int missed = 0;
        for (int n = 0; n < 200; n++) {
            String id = SpecimenIds.next();
            char[] c = id.toCharArray();
            for (int pos = 1; pos < 11; pos++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != c[pos]) {
                        char[] typo = c.clone();
                        typo[pos] = d;
                        assertFalse(new String(typo), SpecimenIds.valid(new String(typo)));
                    }
                }
                if (pos < 10 && c[pos] != c[pos + 1]) {
                    char[] swapped = c.clone();
                    swapped[pos] = c[pos + 1];
                    swapped[pos + 1] = c[pos];
                    swaps++;
                    missed += SpecimenIds.valid(new String(swapped)) ? 1 : 0;
                }
            }
        }
        // MOD 11,10 lets about one swap in fifty through (a plain mod 10 sum would let every one through)
        assertTrue(missed + " of " + swaps, missed * 20 < swaps);
        assertFalse(SpecimenIds.valid("X0000000006"));
        assertFalse(SpecimenIds.valid("S000000006"));
        assertFalse(SpecimenIds.valid(null));
    }
}
