package org.pavilion.scheduling.internal.booking;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Booking codes a patient types at a kiosk or reads from a QR code: 8 characters from an alphabet without the look-alikes
 * 0/O and 1/I, drawn with SecureRandom (32^8, about 10^12 codes: not guessable in the kiosk's window). Unique by the
 * database's constraint; a clash is drawn again.
 */
final class BookingCodes {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private BookingCodes() {
    }

    static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** A typed code as stored: trimmed, upper case, without spaces or dashes people add when reading it out. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }
}
