package org.pavilion.lab.internal.order;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Specimen ids as the barcode carries them: {@code S}, nine random digits and an ISO 7064 MOD 11,10 check digit, so a
 * mistyped or misread id (one wrong digit, two neighbours swapped) is refused instead of naming another patient's
 * tube. Random rather than counted: ids of two sites or a restored backup do not meet in the same sequence.
 */
public final class SpecimenIds {

    private static final Random RANDOM = new SecureRandom();

    private SpecimenIds() {
    }

    /** A fresh id; the caller checks it is not taken (one in a billion per existing specimen). */
    public static String next() {
        StringBuilder digits = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            digits.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return "S" + digits + checkDigit(digits);
    }

    /** Whether {@code id} is S + 9 digits + the right check digit. */
    public static boolean valid(String id) {
        if (id == null || id.length() != 11 || id.charAt(0) != 'S') {
            return false;
        }
        for (int i = 1; i < 11; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return false;
            }
        }
        return checkDigit(id.substring(1, 10)) == id.charAt(10) - '0';
    }

    /**
     * ISO 7064 MOD 11,10 (hybrid system): start with 10; for each digit s = (p + d) mod 10, 0 read as 10, then
     * p = 2s mod 11; the check digit c makes (p + c) mod 10 = 1.
     */
    public static int checkDigit(CharSequence digits) {
        int p = 10;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit: " + digits.charAt(i));
            }
            int s = (p + d) % 10;
            if (s == 0) {
                s = 10;
            }
            p = (2 * s) % 11;
        }
        return (11 - p) % 10;
    }
}
