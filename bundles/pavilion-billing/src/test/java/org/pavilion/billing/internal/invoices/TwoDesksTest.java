package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK_2;
import static org.pavilion.billing.internal.invoices.BillingDesk.as;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;

/**
 * Discharge rush: the ward's desk and the main desk both invoice the same encounter at the same moment; the
 * charges end on one invoice, the other desk is told (409, or 422 when it found nothing open any more). And several
 * drafts issued at once take gapless numbers.
 */
public class TwoDesksTest {

    private BillingDesk desk;
    private ExecutorService pool;

    @Before
    public void setUp() throws Exception {
        desk = new BillingDesk();
        pool = Executors.newFixedThreadPool(4);
    }

    @After
    public void tearDown() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        desk.close();
    }

    @Test
    public void twoDesksInvoicingOneEncounterAtOnceMakeOneInvoice() throws Exception {
        for (int round = 1; round <= 5; round++) {
            String patient = "P-30" + round;
            String encounter = "ENC-RUSH-" + round;
            List<String> charges = List.of(
                    desk.db.charge(patient, encounter, "CONS-GP", "CONSULTATION", "1", "30.0000", "0", "2026-12-07"),
                    desk.db.charge(patient, encounter, "LAB-CRP", "LAB_TEST", "1", "9.9000", "0", "2026-12-07"),
                    desk.db.charge(patient, encounter, "BED-DAY-GENERAL", "BED_DAY", "2", "150.0000", "0",
                            "2026-12-07"));
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Object>> outcomes = new ArrayList<>();
            for (Caller who : List.of(CLERK, CLERK_2)) {
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return desk.draftOfEncounter(who, patient, encounter);
                    } catch (ProblemException e) {
                        return e;
                    }
                }));
            }
            List<InvoiceViews.Invoice> made = new ArrayList<>();
            List<ProblemException> told = new ArrayList<>();
            for (Future<Object> f : outcomes) {
                Object o = f.get(60, TimeUnit.SECONDS);
                if (o instanceof InvoiceViews.Invoice i) {
                    made.add(i);
                } else {
                    told.add((ProblemException) o);
                }
            }
            assertEquals("round " + round, 1, made.size());
            assertEquals(1, told.size());
            assertTrue(told.get(0).status() + " " + told.get(0).detail(),
                    told.get(0).status() == 409 || told.get(0).status() == 422);
            String winner = made.get(0).id;
            assertEquals(3, made.get(0).lines.size());
            for (String c : charges) {
                assertEquals(winner, desk.db.jpa.call(em -> em.find(
                        org.pavilion.billing.internal.charges.ChargeEntity.class, c).getInvoiceId()));
            }
            long invoices = desk.db.jpa.call(em -> em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i WHERE"
                    + " i.encounterId = :e", Long.class).setParameter("e", encounter).getSingleResult());
            assertEquals("nothing half-written by the desk that lost", 1, invoices);
        }
    }

    @Test
    public void draftsIssuedAtOnceTakeGaplessNumbers() throws Exception {
        List<String> drafts = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            desk.db.charge("P-40" + n, "ENC-40" + n, "CONS-GP", "CONSULTATION", "1", "30.0000", "0", "2026-12-07");
            drafts.add(desk.draftOfEncounter(CLERK, "P-40" + n, "ENC-40" + n).id);
        }
        CyclicBarrier start = new CyclicBarrier(drafts.size());
        List<Future<Object>> outcomes = new ArrayList<>();
        for (String id : drafts) {
            outcomes.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return as(CLERK, () -> desk.invoices.issue(id)).number;
                } catch (ProblemException e) {
                    return e;
                }
            }));
        }
        List<String> numbers = new ArrayList<>();
        for (Future<Object> f : outcomes) {
            Object o = f.get(60, TimeUnit.SECONDS);
            if (o instanceof String s) {
                numbers.add(s);
            } else {
                assertEquals(((ProblemException) o).detail(), 409, ((ProblemException) o).status());
            }
        }
        numbers.sort(null);
        assertTrue(numbers.size() >= 1);
        for (int n = 0; n < numbers.size(); n++) {
            assertEquals(String.format("INV-2026-%06d", n + 1), numbers.get(n));
        }
        long issued = desk.db.jpa.call(em -> em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i WHERE"
                + " i.number IS NOT NULL", Long.class).getSingleResult());
        assertEquals(numbers.size(), issued);
    }
}
