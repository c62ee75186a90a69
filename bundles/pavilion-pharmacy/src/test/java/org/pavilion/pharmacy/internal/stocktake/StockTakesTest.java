package org.pavilion.pharmacy.internal.stocktake;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.stock.MovementEntity;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Count;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Line;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.StockTake;

public class StockTakesTest {

    private PharmacyDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private StockTakes takes;
    private String paracetamol;
    private String amoxicillin;
    private String gauze;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        takes = new StockTakes(db.jpa, db.ledger, trail::add, System::currentTimeMillis);
        paracetamol = db.batch("PARA500", "P-2301", "2028-03-31");
        amoxicillin = db.batch("AMOX500", "A-778", "2027-11-30");
        gauze = db.batch("GAUZE", "G-12", null);
        db.stock("MAIN", "PARA500", paracetamol, "100");
        db.stock("MAIN", "AMOX500", amoxicillin, "40");
        db.stock("MAIN", "GAUZE", gauze, "10");
        db.stock("CENTRAL", "PARA500", paracetamol, "500");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aShortageAndASurplusApprovedByASecondPharmacistCorrectTheStock() {
        StockTake sheet = as("nu.okafor", () -> takes.open("MAIN"));
        assertEquals("OPEN", sheet.status);
        assertEquals(List.of("AMOX500", "GAUZE", "PARA500"), sheet.lines.stream().map(l -> l.itemCode).toList());
        assertDecimal("100", line(sheet, "PARA500").expected);
        assertNull(line(sheet, "PARA500").counted);
        assertEquals("2028-03-31", line(sheet, "PARA500").expiryDate);

        // the shelves: three tablets missing, two capsules more than the book, the gauze as booked
        as("nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "PARA500").id, "97"),
                count(line(sheet, "AMOX500").id, "42"))));
        StockTake counted = as("nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "GAUZE").id, "10"))));
        assertDecimal("-3", line(counted, "PARA500").variance);
        assertDecimal("2", line(counted, "AMOX500").variance);
        StockTake submitted = as("nu.okafor", () -> takes.submit(sheet.id));
        assertEquals("SUBMITTED", submitted.status);
        assertEquals("nu.okafor", submitted.submittedBy);
        expect(409, "nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "GAUZE").id, "9"))));

        StockTake approved = as("ph.santos", () -> takes.approve(sheet.id));
        assertEquals("APPROVED", approved.status);
        assertEquals("ph.santos", approved.decidedBy);
        assertDecimal("-3", line(approved, "PARA500").posted);
        assertDecimal("0", line(approved, "GAUZE").posted);
        assertDecimal("97", db.onHand("MAIN", "PARA500"));
        assertDecimal("42", db.onHand("MAIN", "AMOX500"));
        assertDecimal("10", db.onHand("MAIN", "GAUZE"));
        assertDecimal("500", db.onHand("CENTRAL", "PARA500"));

        List<MovementEntity> adjustments = adjustments(sheet.id);
        assertEquals(2, adjustments.size());
        for (MovementEntity m : adjustments) {
            assertEquals("ADJUSTMENT", m.getKind());
            assertEquals("COUNT_VARIANCE", m.getReason());
            assertEquals("MAIN", m.getStoreCode());
            assertEquals("ph.santos", m.getActor());
        }
        expect(409, "ph.santos", () -> takes.approve(sheet.id));
        expect(409, "ph.santos", () -> takes.cancel(sheet.id));
        assertEquals(1, takes.list("MAIN", "APPROVED", 0, 50).getTotal());
        assertTrue(trail.stream().anyMatch(e -> e.resourceType().equals("ph-stock-take") && "approved".equals(e.detail())));
    }

    @Test
    public void theSubmitterCannotApproveTheirOwnCount() {
        StockTake sheet = countedAndSubmitted("ph.santos", "90", "40", "10");
        ProblemException refused = expect(409, "ph.santos", () -> takes.approve(sheet.id));
        assertTrue(refused.detail(), refused.detail().contains("another user"));
        assertEquals("SUBMITTED", takes.get(sheet.id).status);
        assertDecimal("100", db.onHand("MAIN", "PARA500"));
        assertEquals(0, adjustments(sheet.id).size());
    }

    @Test
    public void aSheetWithUncountedLinesIsNotSubmittedAndTheAnswerNamesThem() {
        StockTake sheet = as("nu.okafor", () -> takes.open("MAIN"));
        as("nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "PARA500").id, "100"))));
        ProblemException refused = expect(422, "nu.okafor", () -> takes.submit(sheet.id));
        assertTrue(refused.detail(), refused.detail().contains("AMOX500 batch A-778"));
        assertTrue(refused.detail(), refused.detail().contains("GAUZE batch G-12"));
        assertTrue(refused.detail(), !refused.detail().contains("PARA500"));
        assertEquals("OPEN", takes.get(sheet.id).status);

        expect(422, "nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "GAUZE").id, "-1"))));
        expect(422, "nu.okafor", () -> takes.count(sheet.id, List.of(count(UUID.randomUUID().toString(), "1"))));
        // one sheet at a time per store
        expect(409, "nu.okafor", () -> takes.open("MAIN"));
        expect(422, "nu.okafor", () -> takes.open("WARD-A"));

        StockTake cancelled = as("nu.okafor", () -> takes.cancel(sheet.id));
        assertEquals("CANCELLED", cancelled.status);
        expect(409, "nu.okafor", () -> takes.count(sheet.id, List.of(count(line(sheet, "GAUZE").id, "10"))));
        assertEquals(0, adjustments(sheet.id).size());
        assertEquals("OPEN", as("nu.okafor", () -> takes.open("MAIN")).status);
    }

    @Test
    public void aShortageLargerThanWhatIsLeftAfterDispensingSinceTheCountTakesTheBatchToZero() {
        StockTake sheet = countedAndSubmitted("nu.okafor", "95", "40", "12");
        // between the count and the approval the pharmacy dispensed 98 tablets: 2 left on the book
        db.jpa.run(em -> db.ledger.post(em, "ph.mwangi", System.currentTimeMillis(), List.of(new StockLedger.Movement(
                MovementKind.DISPENSE, "MAIN", "PARA500", paracetamol, new BigDecimal("-98"), null, "DISPENSE",
                UUID.randomUUID().toString(), null))));

        StockTake approved = as("ph.santos", () -> takes.approve(sheet.id));
        assertDecimal("-5", line(approved, "PARA500").variance);
        assertDecimal("-2", line(approved, "PARA500").posted);
        assertDecimal("2", line(approved, "GAUZE").posted);
        assertDecimal("0", db.onHand("MAIN", "PARA500"));
        assertDecimal("12", db.onHand("MAIN", "GAUZE"));
        assertEquals(2, adjustments(sheet.id).size());
    }

    @Test
    public void twoNursesOpeningASheetOfTheSameStoreAtOnceGetOneSheet() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> outcomes = new ArrayList<>();
        for (String nurse : List.of("nu.okafor", "nu.haddad")) {
            Callable<Integer> opening = () -> {
                start.await();
                try {
                    as(nurse, () -> takes.open("MAIN"));
                    return 201;
                } catch (ProblemException e) {
                    return e.status();
                }
            };
            outcomes.add(pool.submit(opening));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : outcomes) {
            statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        statuses.sort(null);
        assertEquals(List.of(201, 409), statuses);
        assertEquals(1, takes.list("MAIN", null, 0, 50).getTotal());
    }

    private StockTake countedAndSubmitted(String counter, String para, String amox, String gauzeCount) {
        StockTake sheet = as(counter, () -> takes.open("MAIN"));
        as(counter, () -> takes.count(sheet.id, List.of(count(line(sheet, "PARA500").id, para),
                count(line(sheet, "AMOX500").id, amox), count(line(sheet, "GAUZE").id, gauzeCount))));
        return as(counter, () -> takes.submit(sheet.id));
    }

    private List<MovementEntity> adjustments(String takeId) {
        return db.jpa.call(em -> em.createQuery("SELECT m FROM MovementEntity m WHERE m.referenceType = 'STOCK_TAKE'"
                + " AND m.referenceId = :t ORDER BY m.itemCode", MovementEntity.class).setParameter("t", takeId)
                .getResultList());
    }

    private static Line line(StockTake sheet, String itemCode) {
        return sheet.lines.stream().filter(l -> l.itemCode.equals(itemCode)).findFirst().orElseThrow();
    }

    private static Count count(String lineId, String counted) {
        Count c = new Count();
        c.lineId = lineId;
        c.counted = new BigDecimal(counted);
        return c;
    }

    private static <T> T as(String user, Callable<T> work) {
        try {
            return CallerContext.runAs(Caller.inContainer(user, Set.of("pharmacy.stocktake.count",
                    "pharmacy.stocktake.approve"), "10.0.0.9"), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException expect(int status, String user, Runnable call) {
        try {
            as(user, () -> {
                call.run();
                return null;
            });
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            return e;
        }
        fail("expected " + status);
        return null;
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(expected + " vs " + actual, 0, new BigDecimal(expected).compareTo(actual));
    }
}
