package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Batches leave first expiry first; an expired one is never issued, transferred or received, only adjusted or
 * written off, and written off only once it has expired.
 */
public class ExpiryTest {

    private Pharmacy pharmacy;

    @Before
    public void setUp() throws Exception {
        pharmacy = new Pharmacy();
        // received on 2026-12-01: four batches of amoxicillin in the main pharmacy
        pharmacy.today("2026-12-01");
        pharmacy.receive("MAIN", "AMOX500", "A-MAR", "2027-03-31", "100");
        pharmacy.receive("MAIN", "AMOX500", "A-JAN", "2027-01-31", "30");
        pharmacy.receive("MAIN", "AMOX500", "A-DEC20", "2026-12-20", "20");
        pharmacy.receive("MAIN", "AMOX500", "A-DEC10", "2026-12-10", "40");
        // today the December 10 batch has expired
        pharmacy.today("2026-12-15");
    }

    @After
    public void tearDown() throws Exception {
        pharmacy.close();
    }

    @Test
    public void outflowsTakeTheEarliestExpiryFirstAndSkipTheExpired() throws Exception {
        StockViews.Movements issued = Pharmacy.as(Pharmacy.SANTOS,
                () -> pharmacy.moves.issue(Pharmacy.issue("MAIN", "AMOX500", "35", null, "Ward C")));
        assertEquals(List.of("A-DEC20 -20", "A-JAN -15"),
                issued.movements.stream().map(m -> m.batchNumber + " " + m.quantity).toList());
        assertEquals(0, new BigDecimal("40").compareTo(pharmacy.stock("MAIN", "AMOX500", "A-DEC10")));

        // 40 expired tablets are on hand but not usable: 115 usable, 116 asked
        ProblemException short116 = Pharmacy.refused(() -> pharmacy.moves.transfer(
                Pharmacy.transfer("MAIN", "CENTRAL", "AMOX500", "116")));
        assertEquals(409, short116.status());
        assertTrue(short116.type().endsWith("insufficient-stock"));
        assertEquals("115", new BigDecimal((String) short116.extensions().get("available")).stripTrailingZeros().toPlainString());

        StockViews.StockLine line = pharmacy.levels.get("MAIN", "AMOX500");
        assertEquals("155", line.onHand);
        assertEquals("115", line.usable);
        assertEquals(List.of("A-DEC10 EXPIRED", "A-JAN EXPIRING", "A-MAR OK"),
                line.batches.stream().map(b -> b.batchNumber + " " + b.expiry).toList());
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }

    @Test
    public void anExpiredBatchIsRefusedByNameAndCannotBeReceived() throws Exception {
        long before = pharmacy.rows("ph_movement");
        ProblemException named = Pharmacy.refused(() -> pharmacy.moves.issue(
                Pharmacy.issue("MAIN", "AMOX500", "5", "A-DEC10", "Ward C")));
        assertEquals(422, named.status());
        assertTrue(named.type().endsWith("expired-batch"));
        StockBodies.Transfer t = Pharmacy.transfer("MAIN", "CENTRAL", "AMOX500", "5");
        t.batchNumber = "A-DEC10";
        assertEquals(422, Pharmacy.refused(() -> pharmacy.moves.transfer(t)).status());
        ProblemException late = Pharmacy.refused(() -> pharmacy.receive("CENTRAL", "AMOX500", "A-DEC10", "2026-12-10", "10"));
        assertEquals(422, late.status());
        assertEquals(before, pharmacy.rows("ph_movement"));
        // a recall still takes it out
        Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("MAIN", "AMOX500", "A-DEC10", "-4", "RECALL", "manufacturer's recall 2026/88")));
        assertEquals(0, new BigDecimal("36").compareTo(pharmacy.stock("MAIN", "AMOX500", "A-DEC10")));
    }

    @Test
    public void onlyAnExpiredBatchIsWrittenOffAndThenWhole() throws Exception {
        long before = pharmacy.rows("ph_movement");
        ProblemException early = Pharmacy.refused(() -> pharmacy.moves.writeOff(
                Pharmacy.writeOff("MAIN", "AMOX500", "A-DEC20")));
        assertEquals(409, early.status());
        assertTrue(early.detail(), early.detail().contains("2026-12-20"));
        assertEquals(before, pharmacy.rows("ph_movement"));

        StockViews.Movements written = Pharmacy.as(Pharmacy.SANTOS,
                () -> pharmacy.moves.writeOff(Pharmacy.writeOff("MAIN", "AMOX500", "A-DEC10")));
        assertEquals(1, written.movements.size());
        assertEquals("EXPIRY_WRITE_OFF", written.movements.get(0).kind);
        assertEquals("-40", written.movements.get(0).quantity);
        assertEquals("WRITE_OFF", written.movements.get(0).referenceType);
        assertEquals(0, BigDecimal.ZERO.compareTo(pharmacy.stock("MAIN", "AMOX500", "A-DEC10")));
        // nothing left to write off twice
        assertEquals(409, Pharmacy.refused(() -> pharmacy.moves.writeOff(
                Pharmacy.writeOff("MAIN", "AMOX500", "A-DEC10"))).status());
        // the day after December 20, that batch goes too
        pharmacy.today("2026-12-21");
        Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.writeOff(Pharmacy.writeOff("MAIN", "AMOX500", "A-DEC20")));
        assertEquals(List.of("A-JAN", "A-MAR"),
                pharmacy.levels.get("MAIN", "AMOX500").batches.stream().map(b -> b.batchNumber).toList());
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }

    @Test
    public void theExpiryColoursAtTheirEdges() {
        java.time.LocalDate today = java.time.LocalDate.parse("2026-12-15");
        assertEquals("EXPIRED", StockLevels.expiry("2026-12-14", today, 90));
        // usable on its expiry day itself, as the ledger has it
        assertEquals("EXPIRING", StockLevels.expiry("2026-12-15", today, 90));
        assertEquals("EXPIRING", StockLevels.expiry("2027-03-15", today, 90));
        assertEquals("OK", StockLevels.expiry("2027-03-16", today, 90));
        assertEquals("NONE", StockLevels.expiry(null, today, 90));
    }
}
