package org.pavilion.lab.internal.order;

import javax.persistence.EntityManager;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.persistence.YearCounter;

/**
 * Order numbers {@code LAB-<year>-<n>} from a counter row per year in {@code lab_order_number} (core's
 * {@link YearCounter}): gapless and never given twice; the row stays locked until the placing transaction ends.
 */
final class OrderNumbers {

    private static final YearCounter COUNTER = new YearCounter("lab_order_number", "order_year");

    private OrderNumbers() {
    }

    /**
     * The next number of {@code year}, in {@code em}'s transaction.
     *
     * @throws YearCounter.YearMissing when the year has no row yet: {@link #ensureYear} and place again
     */
    static String next(EntityManager em, int year) {
        return "LAB-" + year + "-" + COUNTER.next(em, year);
    }

    /** Creates {@code year}'s counter row at 0 unless it exists, in its own transaction. */
    static void ensureYear(JpaTransactions jpa, int year) {
        COUNTER.ensureYear(jpa, year);
    }
}
