package org.pavilion.pharmacy.internal.purchasing;

import javax.persistence.EntityManager;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.persistence.YearCounter;

/**
 * Purchase order numbers {@code PO-<year>-<nnnnn>} from a counter row per year in {@code ph_po_number} (core's
 * {@link YearCounter}): gapless, never given twice, a rolled-back order gives its number back.
 */
final class PoNumbers {

    private static final YearCounter COUNTER = new YearCounter("ph_po_number", "po_year");

    private PoNumbers() {
    }

    /**
     * The next number of {@code year}, in {@code em}'s transaction.
     *
     * @throws YearCounter.YearMissing when the year has no row yet: {@link #ensureYear} and create again
     */
    static String next(EntityManager em, int year) {
        return String.format("PO-%d-%05d", year, COUNTER.next(em, year));
    }

    /** Creates {@code year}'s counter at 0 unless it exists, in its own transaction. */
    static void ensureYear(JpaTransactions jpa, int year) {
        COUNTER.ensureYear(jpa, year);
    }
}
