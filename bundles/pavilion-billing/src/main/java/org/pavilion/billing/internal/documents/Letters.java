package org.pavilion.billing.internal.documents;

import java.math.BigDecimal;
import java.time.Instant;

/** What the documents print alike: the letterhead, days in the hospital's zone, rates as percents. */
final class Letters {

    private Letters() {
    }

    static void head(PdfSheet pdf, Letterhead head) {
        pdf.line(head.hospitalName(), 16, true);
        head.address().forEach(a -> pdf.line(a, 9, false));
        if (!head.taxNumber().isEmpty()) {
            pdf.line("Tax number: " + head.taxNumber(), 9, false);
        }
        pdf.rule().gap(6);
    }

    /** The business day of an ISO instant. */
    static String day(Letterhead head, String iso) {
        return iso == null ? "" : Instant.parse(iso).atZone(head.zone()).toLocalDate().toString();
    }

    /** A fraction as a percent: 0.0550 → 5.5 %. */
    static String percent(String fraction) {
        return new BigDecimal(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
