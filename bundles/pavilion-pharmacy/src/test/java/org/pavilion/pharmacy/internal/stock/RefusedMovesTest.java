package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;

/** Requests that do not fit are answered 4xx with a detail saying why, and write nothing at all. */
public class RefusedMovesTest {

    private Pharmacy pharmacy;

    @Before
    public void setUp() throws Exception {
        pharmacy = new Pharmacy();
        pharmacy.receive("CENTRAL", "PARA500", "P-1", "2027-06-30", "100");
        pharmacy.db.store("OLD-WARD", "Closed ward", "WARD", false);
        pharmacy.db.jpa.run(em -> em.find(StoreEntity.class, "OLD-WARD").setActive(false));
    }

    @After
    public void tearDown() throws Exception {
        pharmacy.close();
    }

    /** {@code work} is refused with {@code status}, its detail mentions {@code says}, and no table changed. */
    private void refused(int status, String says, Callable<?> work) throws Exception {
        List<Long> before = counts();
        ProblemException p = Pharmacy.refused(work);
        assertEquals(p.detail(), status, p.status());
        assertTrue(p.detail(), p.detail().toLowerCase().contains(says.toLowerCase()));
        assertEquals(before, counts());
    }

    private List<Long> counts() {
        return List.of(pharmacy.rows("ph_movement"), pharmacy.rows("ph_stock"), pharmacy.rows("ph_batch"));
    }

    @Test
    public void quantitiesArePositiveDecimalsWithAtMostThreeDecimals() throws Exception {
        for (String bad : new String[] {"-5", "0", "0.000", "abc", "1.2345", "", "1e40"}) {
            refused(422, "quantity", () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "PARA500", bad, null, "Ward B")));
            refused(422, "quantity", () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "MAIN", "PARA500", bad)));
            refused(422, "quantity", () -> pharmacy.receive("CENTRAL", "PARA500", "P-2", "2027-06-30", bad));
        }
        refused(422, "must not be 0", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "0", "LOSS", null)));
        // 1.125 is fine, 1.1250 too (the same number)
        Pharmacy.as(Pharmacy.SANTOS, () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "PARA500", "1.1250", null, "Ward B")));
    }

    @Test
    public void unknownItemsStoresAndBatchesAndClosedStores() throws Exception {
        refused(422, "no item ASPIRIN", () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "ASPIRIN", "1", null, "Ward B")));
        refused(422, "no store NOWHERE", () -> pharmacy.moves.issue(Pharmacy.issue("NOWHERE", "PARA500", "1", null, "Ward B")));
        refused(422, "no active item ASPIRIN", () -> pharmacy.receive("CENTRAL", "ASPIRIN", "X-1", "2027-01-01", "5"));
        refused(422, "no store NOWHERE", () -> pharmacy.receive("NOWHERE", "PARA500", "P-9", "2027-01-01", "5"));
        refused(422, "no batch 'P-404'", () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "PARA500", "1", "P-404", "Ward B")));
        refused(422, "no store NOWHERE", () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "NOWHERE", "PARA500", "5")));
        refused(422, "inactive", () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "OLD-WARD", "PARA500", "5")));
        refused(422, "inactive", () -> pharmacy.receive("OLD-WARD", "PARA500", "P-1", "2027-06-30", "5"));
        refused(422, "both CENTRAL", () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "CENTRAL", "PARA500", "5")));
        refused(422, "issuedTo", () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "PARA500", "1", null, " ")));
        refused(409, "has 100", () -> pharmacy.moves.issue(Pharmacy.issue("CENTRAL", "PARA500", "101", "P-1", "Ward B")));
        refused(409, "100", () -> pharmacy.moves.transfer(Pharmacy.transfer("CENTRAL", "MAIN", "PARA500", "100.001")));
        refused(400, "body", () -> pharmacy.moves.transfer(null));
    }

    @Test
    public void aMedicineComesWithItsExpiryAndABatchKeepsItsOwn() throws Exception {
        refused(422, "expiry", () -> pharmacy.receive("CENTRAL", "AMOX500", "A-1", null, "10"));
        refused(422, "not a date", () -> pharmacy.receive("CENTRAL", "AMOX500", "A-1", "31/12/2027", "10"));
        refused(422, "known to expire on 2027-06-30", () -> pharmacy.receive("CENTRAL", "PARA500", "P-1", "2027-07-31", "10"));
        refused(422, "batch number", () -> pharmacy.receive("CENTRAL", "AMOX500", " ", "2027-12-31", "10"));
        // gauze has no expiry: received without one
        pharmacy.receive("CENTRAL", "GAUZE", "G-1", null, "10");
    }

    @Test
    public void adjustmentsNameAReasonThatFitsTheirSign() throws Exception {
        refused(422, "reason must be one of", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "-1", "THEFT", null)));
        refused(422, "reason must be one of", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "-1", null, null)));
        refused(422, "needs a note", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "-1", "OTHER", " ")));
        refused(422, "must be negative", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "2", "BREAKAGE", null)));
        refused(422, "must be positive", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "-2", "FOUND", null)));
        refused(409, "has 100", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", "P-1", "-100.5", "LOSS", null)));
        refused(422, "no batch", () -> pharmacy.moves.adjust(
                Pharmacy.adjustment("CENTRAL", "PARA500", null, "-1", "LOSS", null)));
        pharmacy.receive("CENTRAL", "GAUZE", "G-1", null, "10");
        refused(409, "no expiry", () -> pharmacy.moves.writeOff(Pharmacy.writeOff("CENTRAL", "GAUZE", "G-1")));
    }
}
