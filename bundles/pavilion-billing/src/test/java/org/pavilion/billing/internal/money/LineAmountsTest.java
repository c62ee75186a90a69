package org.pavilion.billing.internal.money;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.math.BigDecimal;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

/** Rounding and tax exact to the cent, in a table of cases a finance officer can check by hand. */
public class LineAmountsTest {

    /** quantity, unit price, discount, tax rate, currency → net, discount, tax, gross. */
    private static final String[][] CASES = {
        // a consultation, exempt
        {"1", "45.00", "0", "0", "EUR", "45.00", "0.00", "0.00", "45.00"},
        // 20 tablets at 0.0365: 0.73 exactly
        {"20", "0.0365", "0", "0.055", "EUR", "0.73", "0.00", "0.04", "0.77"},
        // 3 at 0.3333 = 0.9999 → 1.00; tax 20 % = 0.20
        {"3", "0.3333", "0", "0.2", "EUR", "1.00", "0.00", "0.20", "1.20"},
        // half a cent rounds up: 1 x 0.125 → 0.13; 5.5 % of 0.13 = 0.00715 → 0.01
        {"1", "0.125", "0", "0.055", "EUR", "0.13", "0.00", "0.01", "0.14"},
        // tax on the discounted net: (100 - 10) x 20 % = 18
        {"2", "50", "10", "0.2", "EUR", "100.00", "10.00", "18.00", "108.00"},
        // 2.5 bed-days at 180.10 = 450.25
        {"2.5", "180.10", "0", "0", "EUR", "450.25", "0.00", "0.00", "450.25"},
        // 0.333 kg at 12.3456 = 4.1110848 → 4.11; 5.5 % = 0.226105 → 0.23
        {"0.333", "12.3456", "0", "0.055", "EUR", "4.11", "0.00", "0.23", "4.34"},
        // a return: the positive line's amounts negated (no asymmetric rounding)
        {"-1", "0.125", "0", "0.055", "EUR", "-0.13", "0.00", "-0.01", "-0.14"},
        // yen: no minor unit
        {"3", "333.5", "0", "0.1", "JPY", "1001", "0", "100", "1101"},
    };

    @Test
    public void everyCaseToTheCent() {
        for (String[] c : CASES) {
            LineAmounts a = LineAmounts.of(new BigDecimal(c[0]), new BigDecimal(c[1]), new BigDecimal(c[2]),
                    new BigDecimal(c[3]), c[4]);
            String what = String.join(" ", c[0], "x", c[1], "-", c[2], "@", c[3], c[4]);
            assertEquals(what + " net", new BigDecimal(c[5]), a.net());
            assertEquals(what + " discount", new BigDecimal(c[6]), a.discount().abs());
            assertEquals(what + " tax", new BigDecimal(c[7]), a.tax());
            assertEquals(what + " gross", new BigDecimal(c[8]), a.gross());
        }
    }

    @Test
    public void aDiscountAboveTheNetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LineAmounts.of(BigDecimal.ONE, new BigDecimal("10"),
                new BigDecimal("10.01"), BigDecimal.ZERO, "EUR"));
    }

    @Test
    public void clientAmountsAreExactDecimalsOrA422() {
        assertEquals(new BigDecimal("12.50"), Amounts.parse("amount", "12.5", "EUR", false));
        assertEquals(422, assertThrows(ProblemException.class, () -> Amounts.parse("amount", "12.505", "EUR", false))
                .status());
        assertEquals(422, assertThrows(ProblemException.class, () -> Amounts.parse("amount", "-1", "EUR", false))
                .status());
        assertEquals(422, assertThrows(ProblemException.class, () -> Amounts.parse("amount", "1e400x", "EUR", false))
                .status());
        assertEquals(422, assertThrows(ProblemException.class, () -> Amounts.parsePrice("unitPrice", "-0.01"))
                .status());
        assertEquals(422, assertThrows(ProblemException.class, () -> Amounts.parseRate("rate", "20")).status());
        assertEquals(new BigDecimal("0.0550"), Amounts.parseRate("rate", "0.055"));
    }
}
