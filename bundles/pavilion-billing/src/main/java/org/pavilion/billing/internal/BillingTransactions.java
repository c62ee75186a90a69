package org.pavilion.billing.internal;

import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.persistence.YearCounter;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Billing's one way to write: core's {@link AuditedTransaction} (the data, its journal entry, its event and its audit
 * records commit together), run again once a new year's document counters exist, and a lost race answered 409.
 */
public final class BillingTransactions {

    /** Gapless numbers per year: {@code INV-2026-000001}, {@code CN-...}, {@code RCPT-...}, {@code CLM-...}. */
    public static final YearCounter INVOICES = new YearCounter("bl_invoice_number", "number_year");
    public static final YearCounter CREDIT_NOTES = new YearCounter("bl_credit_note_number", "number_year");
    public static final YearCounter RECEIPTS = new YearCounter("bl_receipt_number", "number_year");
    public static final YearCounter CLAIMS = new YearCounter("bl_claim_number", "number_year");
    /** The journal's entry numbers ({@link org.pavilion.billing.internal.accounting.Journal}). */
    public static final YearCounter JOURNAL = new YearCounter("bl_journal_number", "number_year");
    private static final List<YearCounter> ALL = List.of(INVOICES, CREDIT_NOTES, RECEIPTS, CLAIMS, JOURNAL);

    private BillingTransactions() {
    }

    /** {@code INV-2026-000042} style: the prefix, the year and the counter's next number, in {@code em}'s transaction. */
    public static String nextNumber(EntityManager em, YearCounter counter, String prefix, int year) {
        return String.format("%s-%d-%06d", prefix, year, counter.next(em, year));
    }

    /**
     * Runs {@code work} in one transaction committed with its audit records; {@code what} names it in a 409 when a
     * concurrent writer won (version check).
     */
    public static <T> T run(EntityManagerFactory emf, AuditService audit, String what,
            Function<EntityManager, AuditedTransaction.Done<T>> work) {
        JpaTransactions jpa = new JpaTransactions(emf);
        for (int attempt = 0;; attempt++) {
            try {
                return AuditedTransaction.run(emf, audit, work);
            } catch (YearCounter.YearMissing missing) {
                if (attempt > 2) {
                    throw missing;
                }
                for (YearCounter c : ALL) {
                    c.ensureYear(jpa, missing.year);
                }
            } catch (PersistenceException e) {
                if (AuditedTransaction.lostRace(e)) {
                    throw ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
                }
                throw e;
            }
        }
    }
}
