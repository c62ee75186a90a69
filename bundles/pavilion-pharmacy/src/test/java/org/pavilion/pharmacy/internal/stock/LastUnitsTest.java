package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import org.pavilion.core.api.rest.ProblemException;

/**
 * Eight pharmacists at once, on real threads and connections: the last units of a batch leave exactly once, and a
 * batch's first receipt into a store by several at once adds up instead of failing on the key.
 */
public class LastUnitsTest {

    private static final int PHARMACISTS = 8;

    private Pharmacy pharmacy;
    private ExecutorService threads;

    @Before
    public void setUp() throws Exception {
        pharmacy = new Pharmacy();
        threads = Executors.newFixedThreadPool(PHARMACISTS);
    }

    @After
    public void tearDown() throws Exception {
        threads.shutdownNow();
        pharmacy.close();
    }

    /** Runs {@code work} on every thread at the same instant; each answer is "201" or the problem's status. */
    private List<String> atOnce(Callable<StockViews.Movements> work) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < PHARMACISTS; i++) {
            answers.add(threads.submit(() -> {
                gate.await();
                try {
                    Pharmacy.as(Pharmacy.SANTOS, work);
                    return "201";
                } catch (ProblemException p) {
                    return String.valueOf(p.status());
                }
            }));
        }
        gate.countDown();
        List<String> out = new ArrayList<>();
        for (Future<String> f : answers) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    public void eightTakersOfTheLastTwelveTabletsFourGetThreeEachTheOthers409() throws Exception {
        pharmacy.receive("MAIN", "PARA500", "P-LAST", "2027-06-30", "12");
        List<String> answers = atOnce(() -> pharmacy.moves.issue(Pharmacy.issue("MAIN", "PARA500", "3", "P-LAST", "Ward B")));
        assertEquals(answers.toString(), 4, answers.stream().filter("201"::equals).count());
        assertEquals(answers.toString(), 4, answers.stream().filter("409"::equals).count());
        assertEquals(0, BigDecimal.ZERO.compareTo(pharmacy.stock("MAIN", "PARA500", "P-LAST")));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
        assertEquals(4, pharmacy.ledger.list("MAIN", "PARA500", null, null, "ISSUE", 0, 50).getTotal());
    }

    /**
     * The batch expiring first has 5 tablets, the next 100: eight pharmacists issuing 3 each by first expiry all
     * succeed, each from what the others left (the allocation locks the item's stock rows; without that, takers
     * that read the first batch before another emptied it would be refused although the second had plenty).
     */
    @Test
    public void eightTakersByFirstExpiryAllServedWhenTheNextBatchHasEnough() throws Exception {
        pharmacy.receive("MAIN", "PARA500", "P-SOON", "2027-01-31", "5");
        pharmacy.receive("MAIN", "PARA500", "P-LATER", "2028-01-31", "100");
        List<String> answers = atOnce(() -> pharmacy.moves.issue(Pharmacy.issue("MAIN", "PARA500", "3", null, "Ward B")));
        assertEquals(answers.toString(), PHARMACISTS, answers.stream().filter("201"::equals).count());
        assertEquals(0, BigDecimal.ZERO.compareTo(pharmacy.stock("MAIN", "PARA500", "P-SOON")));
        assertEquals(0, new BigDecimal("81").compareTo(pharmacy.stock("MAIN", "PARA500", "P-LATER")));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }

    @Test
    public void eightTakersOfTheLastFiveByFirstExpiryOneGetsThemAll() throws Exception {
        pharmacy.receive("MAIN", "AMOX500", "A-1", "2027-01-31", "2");
        pharmacy.receive("MAIN", "AMOX500", "A-2", "2027-02-28", "3");
        List<String> answers = atOnce(() -> pharmacy.moves.transfer(Pharmacy.transfer("MAIN", "CENTRAL", "AMOX500", "5")));
        assertEquals(answers.toString(), 1, answers.stream().filter("201"::equals).count());
        assertEquals(answers.toString(), 7, answers.stream().filter("409"::equals).count());
        assertEquals(0, BigDecimal.ZERO.compareTo(pharmacy.db.onHand("MAIN", "AMOX500")));
        assertEquals(0, new BigDecimal("5").compareTo(pharmacy.db.onHand("CENTRAL", "AMOX500")));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }

    @Test
    public void eightFirstReceiptsOfOneBatchIntoAStoreAddUp() throws Exception {
        pharmacy.receive("CENTRAL", "PARA500", "P-NEW", "2027-06-30", "1");
        List<String> answers = atOnce(() -> pharmacy.receive("MAIN", "PARA500", "P-NEW", "2027-06-30", "10"));
        assertEquals(answers.toString(), PHARMACISTS, answers.stream().filter("201"::equals).count());
        assertEquals(0, new BigDecimal("80").compareTo(pharmacy.stock("MAIN", "PARA500", "P-NEW")));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }

    @Test
    public void eightReceiptsOfABrandNewBatchCreateItOnceAndTheLateOnesAreToldToResend() throws Exception {
        List<String> answers = atOnce(() -> pharmacy.receive("MAIN", "AMOX500", "A-FRESH", "2027-09-30", "10"));
        long created = answers.stream().filter("201"::equals).count();
        assertEquals(answers.toString(), PHARMACISTS - created, answers.stream().filter("409"::equals).count());
        assertTrue(answers.toString(), created >= 1);
        assertEquals(0, new BigDecimal(10 * created).compareTo(pharmacy.stock("MAIN", "AMOX500", "A-FRESH")));
        assertEquals(1, pharmacy.rows("ph_batch"));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }
}
