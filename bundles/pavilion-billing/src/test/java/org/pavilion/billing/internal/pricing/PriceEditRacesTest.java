package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.pricing.Problems.price;

import java.time.LocalDate;
import java.time.ZoneId;
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
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;

/**
 * Two finance officers at once, on the real database: adding prices of one code with overlapping validities (a new
 * code, and one edited before), correcting the same price or the same tax rate from the same version. One wins, the
 * other gets 409, and the list never holds two prices of a code on one day.
 */
public class PriceEditRacesTest {

    private static final int ROUNDS = 4;

    private BillingDatabase db;
    private PriceListService prices;
    private ExecutorService officers;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        prices = new PriceListService(db.emf, e -> { }, new PriceListService.Settings("EUR", ZoneId.of("UTC")),
                TestConstraints.platform());
        officers = Executors.newFixedThreadPool(2);
    }

    @After
    public void tearDown() throws Exception {
        officers.shutdownNow();
        db.close();
    }

    @Test
    public void twoOverlappingPricesOfANewCodeAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String code = "PROC-CAST-" + round;
            List<String> outcomes = race(
                    () -> prices.create(price(code, "Plaster cast", "PROCEDURE", "55.00", "EXEMPT", "2027-01-01", null)),
                    () -> prices.create(price(code, "Plaster cast", "PROCEDURE", "60.00", "EXEMPT", "2027-02-01", null)));
            assertOneWinner(outcomes);
            assertEquals(1, activeRows(code));
        }
    }

    @Test
    public void twoOverlappingPricesOfAnEditedCodeAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String code = "PROC-SPLINT-" + round;
            PriceDto old = prices.create(price(code, "Splint", "PROCEDURE", "30.00", "EXEMPT", "2026-01-01", null));
            old.validTo = "2026-12-31";
            prices.replace(old.id, old);
            List<String> outcomes = race(
                    () -> prices.create(price(code, "Splint", "PROCEDURE", "32.00", "EXEMPT", "2027-01-01", null)),
                    () -> prices.create(price(code, "Splint", "PROCEDURE", "33.00", "EXEMPT", "2027-03-01", null)));
            assertOneWinner(outcomes);
            assertEquals(2, activeRows(code));
            assertTrue(prices.priceOf(code, LocalDate.of(2027, 6, 1)).isPresent());
        }
    }

    @Test
    public void twoCorrectionsOfOneVersionAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            PriceDto suture = prices.list("PROC-SUTURE", "PROCEDURE", null, null, 0, 10).getItems().stream()
                    .filter(p -> p.code.equals("PROC-SUTURE")).findFirst().get();
            // both change the price (a save that changes nothing changes no version)
            String mine = "7" + round + ".00";
            String theirs = "8" + round + ".00";
            PriceDto a = copy(suture, mine);
            PriceDto b = copy(suture, theirs);
            List<String> outcomes = race(() -> prices.replace(suture.id, a), () -> prices.replace(suture.id, b));
            assertOneWinner(outcomes);
            PriceDto after = prices.get(suture.id);
            assertEquals(suture.version + 1, (int) after.version);
            assertTrue(after.unitPrice, List.of(mine, theirs).contains(after.unitPrice));
        }
    }

    @Test
    public void twoNewRatesOfOneCategoryAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            TaxCategoryDto read = prices.taxCategories().stream().filter(t -> t.code.equals("REDUCED")).findFirst()
                    .get();
            String mine = "0.06" + round;
            String theirs = "0.07" + round;
            List<String> outcomes = race(() -> rate(read, mine), () -> rate(read, theirs));
            assertOneWinner(outcomes);
            TaxCategoryDto after = prices.taxCategories().stream().filter(t -> t.code.equals("REDUCED")).findFirst()
                    .get();
            assertEquals(read.version + 1, (int) after.version);
            assertEquals(after.rate, prices.priceOf("PH-PARA500", LocalDate.of(2026, 12, 7)).get().taxRate()
                    .toPlainString());
        }
    }

    private PriceDto rate(TaxCategoryDto read, String rate) {
        TaxCategoryDto in = new TaxCategoryDto();
        in.name = read.name;
        in.rate = rate;
        in.version = read.version;
        prices.putTaxCategory(read.code, in);
        return null;
    }

    /** Both calls released together; each answers "ok" or the status of its problem. */
    private List<String> race(Callable<PriceDto> first, Callable<PriceDto> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<PriceDto> call : List.of(first, second)) {
            futures.add(officers.submit(() -> {
                go.await();
                try {
                    call.call();
                    return "ok";
                } catch (ProblemException e) {
                    return e.status() + " " + e.detail();
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static void assertOneWinner(List<String> outcomes) {
        assertEquals(outcomes.toString(), 1, outcomes.stream().filter("ok"::equals).count());
        assertEquals(outcomes.toString(), 1, outcomes.stream().filter(o -> o.startsWith("409 ")).count());
    }

    private long activeRows(String code) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM PriceEntity p WHERE p.code = :c"
                + " AND p.active = true", Long.class).setParameter("c", code).getSingleResult());
    }

    private static PriceDto copy(PriceDto p, String unitPrice) {
        PriceDto c = price(p.code, p.name, p.category, unitPrice, p.taxCategory, p.validFrom, p.validTo);
        c.version = p.version;
        return c;
    }
}
