package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.Page;

/**
 * A morning in the stores: opening stock arrives at the central store, the main pharmacy is stocked from it, a ward
 * without a store of its own is issued what it asked for. Every store's stock is right, and ph_stock is exactly the
 * ledger's sum per store and batch.
 */
public class StockDayTest {

    private Pharmacy pharmacy;

    @Before
    public void setUp() throws Exception {
        pharmacy = new Pharmacy();
        pharmacy.db.reorderRule("PARA500", "MAIN", "300", "500");
    }

    @After
    public void tearDown() throws Exception {
        pharmacy.close();
    }

    @Test
    public void receivedAtCentralTransferredToMainAndIssuedToTheWard() throws Exception {
        // opening stock at the central store, 2026-12-04
        StockViews.Movements opening = pharmacy.receive("CENTRAL", "PARA500", "P-2701", "2027-06-30", "500");
        pharmacy.receive("CENTRAL", "PARA500", "P-2612", "2027-01-15", "200");
        pharmacy.receive("CENTRAL", "GAUZE", "G-1", null, "1000");
        assertEquals(1, opening.movements.size());
        StockViews.Movement r = opening.movements.get(0);
        assertEquals("RECEIPT", r.kind);
        assertEquals("500", r.quantity);
        assertEquals("2026-12-04", r.day);
        assertEquals("ph.santos", r.actor);
        assertEquals("opening stock", r.reason);

        // the main pharmacy takes 300: the January batch (200) first, then 100 of the June one
        StockViews.Movements moved = Pharmacy.as(Pharmacy.SANTOS,
                () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "MAIN", "PARA500", "300")));
        assertEquals(4, moved.movements.size());
        for (StockViews.Movement m : moved.movements) {
            assertEquals(moved.referenceId, m.referenceId);
            assertEquals("TRANSFER", m.referenceType);
        }
        assertEquals(List.of("TRANSFER_OUT CENTRAL P-2612 -200 MAIN", "TRANSFER_IN MAIN P-2612 200 CENTRAL",
                "TRANSFER_OUT CENTRAL P-2701 -100 MAIN", "TRANSFER_IN MAIN P-2701 100 CENTRAL"),
                moved.movements.stream().map(m -> m.kind + " " + m.storeCode + " " + m.batchNumber + " " + m.quantity
                        + " " + m.counterpart).toList());

        // Ward B keeps no store: 50 tablets issued to it from the main pharmacy, first expiry first
        StockViews.Movements issued = Pharmacy.as(Pharmacy.SANTOS,
                () -> pharmacy.moves.issue(Pharmacy.issue("MAIN", "PARA500", "50", null, "Ward B")));
        assertEquals("ISSUE MAIN P-2612 -50 Ward B", issued.movements.stream().map(m -> m.kind + " " + m.storeCode
                + " " + m.batchNumber + " " + m.quantity + " " + m.counterpart).findFirst().orElseThrow());
        // and 12.5 pieces of gauze (a decimal quantity) to the theatre
        Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "GAUZE", "12.5", "G-1", "Theatre")));

        assertEquals(0, new BigDecimal("400").compareTo(pharmacy.db.onHand("CENTRAL", "PARA500")));
        assertEquals(0, new BigDecimal("250").compareTo(pharmacy.db.onHand("MAIN", "PARA500")));
        assertEquals(0, new BigDecimal("150").compareTo(pharmacy.stock("MAIN", "PARA500", "P-2612")));
        assertEquals(0, new BigDecimal("100").compareTo(pharmacy.stock("MAIN", "PARA500", "P-2701")));
        assertEquals(0, new BigDecimal("987.5").compareTo(pharmacy.db.onHand("CENTRAL", "GAUZE")));
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());

        // the main pharmacy's line: January batch expiring within 90 days, June OK, under its reorder level of 300
        StockViews.StockLine main = Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.levels.get("MAIN", "PARA500"));
        assertEquals("250", main.onHand);
        assertEquals("250", main.usable);
        assertEquals("300", main.reorderLevel);
        assertTrue(main.belowReorder);
        assertEquals("tablet", main.unit);
        assertEquals(List.of("P-2612 2027-01-15 150 EXPIRING", "P-2701 2027-06-30 100 OK"), main.batches.stream()
                .map(b -> b.batchNumber + " " + b.expiryDate + " " + b.quantity + " " + b.expiry).toList());
        StockViews.StockLine gauze = pharmacy.levels.get("CENTRAL", "GAUZE");
        assertEquals("NONE", gauze.batches.get(0).expiry);
        assertNull(gauze.reorderLevel);
        assertFalse(gauze.belowReorder);

        // the list: every store's lines, by store and item; a search by generic name
        Page<StockViews.StockLine> all = pharmacy.levels.list(null, null, null, 0, 50);
        assertEquals(List.of("CENTRAL GAUZE", "CENTRAL PARA500", "MAIN PARA500"),
                all.getItems().stream().map(l -> l.storeCode + " " + l.itemCode).toList());
        assertEquals(3, all.getTotal());
        assertEquals(List.of("CENTRAL PARA500", "MAIN PARA500"), pharmacy.levels.list(null, null, "paracet", 0, 50)
                .getItems().stream().map(l -> l.storeCode + " " + l.itemCode).toList());
        Page<StockViews.StockLine> second = pharmacy.levels.list(null, null, null, 1, 2);
        assertEquals(List.of("MAIN PARA500"), second.getItems().stream().map(l -> l.storeCode + " " + l.itemCode).toList());

        // six requests that moved stock, six audit records of ph-stock, the transfer fourth
        assertEquals(6, pharmacy.audit.size());
        assertTrue(pharmacy.audit.stream().allMatch(e -> e.resourceType().equals("ph-stock")
                && e.action().equals("CREATE")));
        assertEquals(moved.referenceId, pharmacy.audit.get(3).resourceId());
    }

    @Test
    public void aStoreWithARuleAndNoStockShowsAnEmptyShelfBelowReorder() throws Exception {
        Page<StockViews.StockLine> main = pharmacy.levels.list("MAIN", null, null, 0, 50);
        assertEquals(1, main.getTotal());
        StockViews.StockLine line = main.getItems().get(0);
        assertEquals("0", line.onHand);
        assertTrue(line.belowReorder);
        assertEquals(404, Pharmacy.refused(() -> pharmacy.levels.get("NOWHERE", "PARA500")).status());
        assertEquals(404, Pharmacy.refused(() -> pharmacy.levels.get("MAIN", "NOTHING")).status());
    }

    @Test
    public void adjustmentsCarryTheirReasonAndTheLedgerAnswersByFilter() throws Exception {
        pharmacy.receive("MAIN", "AMOX500", "A-77", "2027-05-31", "100");
        pharmacy.today("2026-12-05");
        Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("MAIN", "AMOX500", "A-77", "-3", "BREAKAGE", null)));
        pharmacy.today("2026-12-06");
        StockViews.Movements found = Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("MAIN", "AMOX500", "A-77", "1", "other", "counted twice on the 5th")));
        assertEquals("OTHER: counted twice on the 5th", found.movements.get(0).reason);
        assertEquals(0, new BigDecimal("98").compareTo(pharmacy.db.onHand("MAIN", "AMOX500")));

        Page<StockViews.Movement> all = pharmacy.ledger.list("MAIN", "AMOX500", null, null, null, 0, 50);
        assertEquals(List.of("ADJUSTMENT 1", "ADJUSTMENT -3", "RECEIPT 100"),
                all.getItems().stream().map(m -> m.kind + " " + m.quantity).toList());
        assertEquals(List.of("2026-12-05"), pharmacy.ledger.list(null, null, "2026-12-05", "2026-12-05", null, 0, 50)
                .getItems().stream().map(m -> m.day).toList());
        assertEquals(1, pharmacy.ledger.list(null, null, null, null, "receipt", 0, 50).getTotal());
        assertEquals(0, pharmacy.ledger.list("CENTRAL", null, null, null, null, 0, 50).getTotal());
        Page<StockViews.Movement> page = pharmacy.ledger.list(null, null, null, null, null, 1, 2);
        assertEquals(3, page.getTotal());
        assertEquals(List.of("RECEIPT"), page.getItems().stream().map(m -> m.kind).toList());
        assertEquals(400, Pharmacy.refused(() -> pharmacy.ledger.list(null, null, null, null, "THEFT", 0, 50)).status());
        assertEquals(400, Pharmacy.refused(() -> pharmacy.ledger.list(null, null, "05/12/2026", null, null, 0, 50)).status());
        assertEquals(400, Pharmacy.refused(() -> pharmacy.ledger.list(null, null, "2026-12-06", "2026-12-05", null, 0, 50)).status());
        assertEquals(pharmacy.ledgerSums(), pharmacy.stockRows());
    }
}
