package org.pavilion.billing.internal.accounting;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.core.api.persistence.AuditedTransaction;

/** The journal: balanced by construction, numbered per year, merged per account. */
public class JournalTest {

    private BillingDatabase db;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void anIssuedInvoiceIsPostedAsBalancedLinesNumberedInItsYear() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        Posting issue = new Posting("INVOICE_ISSUED", "INVOICE", "inv-1", "INV-2026-000001")
                .move(new BigDecimal("45.00"), Account.RECEIVABLE_PATIENTS, Account.REVENUE_CONSULTATIONS,
                        "CONSULTATIONS", "dr.hartmann")
                .move(new BigDecimal("12.00"), Account.RECEIVABLE_PATIENTS, Account.REVENUE_LABORATORY,
                        "LABORATORY", null)
                .move(new BigDecimal("0.04"), Account.RECEIVABLE_PATIENTS, Account.TAX_PAYABLE)
                .move(BigDecimal.ZERO, Account.RECEIVABLE_INSURERS, Account.REVENUE_OTHER);
        String first = BillingTransactions.run(db.emf, events -> { }, "the journal",
                em -> new AuditedTransaction.Done<>(Journal.post(em, issue, day, 1L, "cashier"), List.of()));
        String second = BillingTransactions.run(db.emf, events -> { }, "the journal",
                em -> new AuditedTransaction.Done<>(Journal.post(em, new Posting("PAYMENT", "PAYMENT", "p-1",
                        "RCPT-2026-000001").move(new BigDecimal("-57.04"), Account.RECEIVABLE_PATIENTS, Account.CASH),
                        day, 2L, "cashier"), List.of()));
        assertNull("nothing to post, no entry", db.jpa.call(em -> Journal.post(em, new Posting("PAYMENT", "PAYMENT",
                "p-2", "zero").move(BigDecimal.ZERO, Account.CASH, Account.BANK), day, 3L, "cashier")));

        List<Object[]> lines = db.jpa.call(em -> em.createQuery("SELECT e.seq, l.account, l.debit, l.credit FROM "
                + "JournalEntryEntity e, JournalLineEntity l WHERE l.entryId = e.id ORDER BY e.seq, l.lineNo",
                Object[].class).getResultList());
        // each move is a debit and a credit with the move's department; the zero move wrote nothing
        assertEquals(8, lines.size());
        assertEquals(202600000001L, lines.get(0)[0]);
        assertEquals("1100", lines.get(0)[1]);
        assertEquals(new BigDecimal("45.00"), lines.get(0)[2]);
        assertEquals("4100", lines.get(1)[1]);
        assertEquals(new BigDecimal("45.00"), lines.get(1)[3]);
        // the payment: debit cash, credit receivables (the negative amount swapped the sides)
        assertEquals(202600000002L, lines.get(6)[0]);
        assertEquals("1000", lines.get(6)[1]);
        assertEquals(new BigDecimal("57.04"), lines.get(6)[2]);
        assertEquals("1100", lines.get(7)[1]);
        assertEquals(new BigDecimal("57.04"), lines.get(7)[3]);
        BigDecimal debits = lines.stream().map(l -> (BigDecimal) l[2]).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = lines.stream().map(l -> (BigDecimal) l[3]).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(debits, credits);
        assertEquals(first, db.jpa.call(em -> em.createQuery("SELECT e.id FROM JournalEntryEntity e WHERE e.seq = "
                + "202600000001", String.class).getSingleResult()));
        assertEquals(second, db.jpa.call(em -> em.createQuery("SELECT e.id FROM JournalEntryEntity e WHERE "
                + "e.seq = 202600000002", String.class).getSingleResult()));
    }
}
