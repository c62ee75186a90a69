package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

public class StockLedgerTest {

    private PharmacyDatabase db;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aTransferMovesStockAndTheLastUnitsCannotGoTwice() {
        String batch = db.batch("PARA500", "P-1", "2099-01-31");
        db.stock("CENTRAL", "PARA500", batch, "100");
        String ref = UUID.randomUUID().toString();
        db.jpa.run(em -> db.ledger.post(em, "ph.santos", System.currentTimeMillis(), List.of(
                new StockLedger.Movement(MovementKind.TRANSFER_OUT, "CENTRAL", "PARA500", batch, new BigDecimal("-60"), null, "TRANSFER", ref, "MAIN"),
                new StockLedger.Movement(MovementKind.TRANSFER_IN, "MAIN", "PARA500", batch, new BigDecimal("60"), null, "TRANSFER", ref, "CENTRAL"))));
        assertEquals(0, new BigDecimal("40").compareTo(db.onHand("CENTRAL", "PARA500")));
        assertEquals(0, new BigDecimal("60").compareTo(db.onHand("MAIN", "PARA500")));
        try {
            db.jpa.run(em -> db.ledger.post(em, "ph.santos", System.currentTimeMillis(), List.of(
                    new StockLedger.Movement(MovementKind.DISPENSE, "MAIN", "PARA500", batch, new BigDecimal("-61"), null, "DISPENSE", "d1", null))));
            fail("61 of 60 dispensed");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        assertEquals(0, new BigDecimal("60").compareTo(db.onHand("MAIN", "PARA500")));
    }

    @Test
    public void aFourthDecimalIsRefusedRatherThanRoundedAway() {
        String batch = db.batch("GAUZE", "G-1", null);
        db.stock("CENTRAL", "GAUZE", batch, "10");
        try {
            db.jpa.run(em -> db.ledger.post(em, "ph.santos", System.currentTimeMillis(), List.of(
                    new StockLedger.Movement(MovementKind.ISSUE, "CENTRAL", "GAUZE", batch, new BigDecimal("-0.0004"), null, "ISSUE", "i1", "Ward B"))));
            fail("0.0004 pieces issued");
        } catch (ProblemException e) {
            assertEquals(422, e.status());
        }
        assertEquals(0, new BigDecimal("10").compareTo(db.onHand("CENTRAL", "GAUZE")));
    }
}
