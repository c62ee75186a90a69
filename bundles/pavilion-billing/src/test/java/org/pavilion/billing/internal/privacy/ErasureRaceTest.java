package org.pavilion.billing.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.rest.ProblemException;

/**
 * A cashier takes a payment at the very moment the data-protection officer erases the patient: each commits on what
 * the other left, or is refused (409: the cashier reloads; the erasure is reported FAILED and run again), and never
 * is a payment left under the erased MRN nor an invoice whose paid amount disagrees with its payments.
 */
public class ErasureRaceTest {

    private BillingDatabase db;
    private PatientBills bills;
    private BillingPrivacy privacy;
    private ExecutorService pool;

    @Before
    public void open() throws Exception {
        db = new BillingDatabase();
        bills = new PatientBills(db);
        privacy = new BillingPrivacy(db.emf, new RecordingAudit(), 10);
        pool = Executors.newFixedThreadPool(2);
    }

    @After
    public void close() throws Exception {
        pool.shutdownNow();
        db.close();
    }

    @Test
    public void aPaymentAndAnErasureAtOnceLeaveNothingHalfDone() throws Exception {
        for (int round = 0; round < 6; round++) {
            String mrn = "MRN-10" + round;
            String invoice = bills.issued(mrn, "INV-2026-00010" + round, "50.00", "0", null, Instant.now());
            PrivacySubject subject = new PrivacySubject(List.of(mrn), null, null, null, "FULL", Instant.now());
            CountDownLatch start = new CountDownLatch(1);
            String receipt = "RCPT-2026-00010" + round;
            Future<Boolean> paid = pool.submit(refusable(start, () -> bills.payment(invoice, receipt, "50.00",
                    "CASH", null, Instant.now())));
            Future<Boolean> erased = pool.submit(refusable(start, () -> privacy.erase(subject)));
            start.countDown();
            boolean payment = paid.get(60, TimeUnit.SECONDS);
            boolean erasure = erased.get(60, TimeUnit.SECONDS);
            assertTrue("one of them commits", payment || erasure);
            if (!erasure) {
                privacy.erase(subject); // the EMR's erasure run again completes it
            }
            for (String table : List.of("InvoiceEntity", "PaymentEntity", "ChargeEntity")) {
                assertEquals(table + " round " + round, 0, bills.count(table, mrn));
            }
            InvoiceEntity after = db.jpa.call(em -> em.find(InvoiceEntity.class, invoice));
            BigDecimal payments = db.jpa.call(em -> em.createQuery("SELECT SUM(p.amount) FROM PaymentEntity p"
                    + " WHERE p.invoiceId = :id", BigDecimal.class).setParameter("id", invoice).getSingleResult());
            assertEquals(payment ? new BigDecimal("50.00") : new BigDecimal("0.00"), after.getPaidByPatient());
            assertEquals(payment ? new BigDecimal("50.00") : null, payments);
        }
        List<BigDecimal> sides = db.jpa.call(em -> em.createQuery("SELECT SUM(l.debit), SUM(l.credit)"
                + " FROM JournalLineEntity l", Object[].class).getResultList().stream()
                .flatMap(r -> java.util.Arrays.stream(r).map(BigDecimal.class::cast)).toList());
        assertEquals("the books balance", 0, sides.get(0).compareTo(sides.get(1)));
    }

    @Test
    public void anErasureThatReadTheInvoiceBeforeTheCashiersPaymentCommittedIsRefusedAndRunAgain() throws Exception {
        String mrn = "MRN-0200";
        String invoice = bills.issued(mrn, "INV-2026-000200", "50.00", "0", null, Instant.now());
        PrivacySubject subject = new PrivacySubject(List.of(mrn), null, null, null, "FULL", Instant.now());
        privacy.pseudonymOf(mrn); // the installation's secret exists already, as on any day but the first
        // the cashier's payment, written and not yet committed: the invoice row is locked at its new version
        javax.persistence.EntityManager cashier = db.emf.createEntityManager();
        cashier.getTransaction().begin();
        InvoiceEntity paying = cashier.find(InvoiceEntity.class, invoice);
        org.pavilion.billing.internal.invoices.InvoiceBalances.pay(paying, false, new BigDecimal("50.00"));
        cashier.flush();
        CountDownLatch start = new CountDownLatch(1);
        Future<Boolean> erased = pool.submit(refusable(start, () -> privacy.erase(subject)));
        start.countDown();
        Thread.sleep(1500); // the erasure reads the invoice as it was and waits for the cashier's row lock
        cashier.getTransaction().commit();
        cashier.close();

        assertEquals("refused: the invoice changed meanwhile", false, erased.get(60, TimeUnit.SECONDS));
        assertEquals(1, bills.count("InvoiceEntity", mrn));
        privacy.erase(subject);
        assertEquals(0, bills.count("InvoiceEntity", mrn));
        assertEquals(new BigDecimal("50.00"), db.jpa.call(em -> em.find(InvoiceEntity.class, invoice))
                .getPaidByPatient());
    }

    /** True when {@code work} committed, false when it was refused as a lost race (409). */
    private static Callable<Boolean> refusable(CountDownLatch start, Callable<?> work) {
        return () -> {
            start.await();
            try {
                work.call();
                return true;
            } catch (ProblemException e) {
                assertEquals(e.detail(), 409, e.status());
                return false;
            }
        };
    }
}
