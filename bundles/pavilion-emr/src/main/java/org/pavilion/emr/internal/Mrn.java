package org.pavilion.emr.internal;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Medical record numbers: a sequence number of at least 8 digits (zero-padded) followed by two ISO 7064
 * MOD 97-10 check digits (as in IBAN), e.g. sequence 42 gives {@code 0000004269}. MOD 97-10 catches every
 * single-digit error and every swap of adjacent digits, which Luhn does not (09/90).
 */
public final class Mrn {

    static final int MIN_SEQUENCE_DIGITS = 8;
    private static final Pattern SHAPE = Pattern.compile("[0-9]{" + (MIN_SEQUENCE_DIGITS + 2) + ",18}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Mrn() {
    }

    /**
     * The subject key of every EMR event about the patient with this MRN ({@code patient:<MRN>}): the bus delivers one
     * patient's events to each subscriber in the order the EMR published them.
     */
    public static String subjectKey(String mrn) {
        return "patient:" + mrn;
    }

    /** The MRN of sequence number {@code n} (n &gt;= 1). */
    public static String of(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("MRN sequence starts at 1, was " + n);
        }
        // Plain arithmetic, not String.format and BigInteger: a feed's group of registrations takes many at once.
        String digits = Long.toString(n);
        StringBuilder mrn = new StringBuilder(MIN_SEQUENCE_DIGITS + 2 + digits.length());
        for (int i = digits.length(); i < MIN_SEQUENCE_DIGITS; i++) {
            mrn.append('0');
        }
        mrn.append(digits);
        return mrn.append(checkDigits(mrn)).toString();
    }

    /** The two check digits of {@code digits}: 98 - (digits * 100 mod 97), so the whole number mod 97 is 1. */
    static String checkDigits(CharSequence digits) {
        int mod = 0;
        for (int i = 0; i < digits.length(); i++) {
            mod = (mod * 10 + (digits.charAt(i) - '0')) % 97;
        }
        int check = 98 - (mod * 100 % 97);
        return check < 10 ? "0" + check : Integer.toString(check);
    }

    /** Right length, digits only, and check digits that fit. */
    public static boolean isValid(String mrn) {
        return mrn != null && SHAPE.matcher(mrn).matches() && new BigInteger(mrn).mod(NINETY_SEVEN).intValue() == 1;
    }
}
