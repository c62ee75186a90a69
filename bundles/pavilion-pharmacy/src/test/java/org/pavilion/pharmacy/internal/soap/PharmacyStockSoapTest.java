package org.pavilion.pharmacy.internal.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.catalogue.Catalogue;
import org.pavilion.pharmacy.internal.catalogue.ItemService;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * The regional medical stores ask the hospital over SOAP how much paracetamol it holds before they plan a delivery:
 * per store and batch, first expiry first, with the totals and what is still usable. Unknown items and stores and a
 * missing item code arrive as a PharmacyStockFault with the type and status a REST client would see. The SOAP class
 * is called directly on the real tables.
 */
public class PharmacyStockSoapTest {

    private PharmacyDatabase db;
    private PharmacyStockSoap soap;
    private Catalogue catalogue;

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        catalogue = Catalogue.of(db.jpa);
        soap = new PharmacyStockSoap(new StockOf(db.jpa, catalogue, db.ledger));
        // a delivery of two batches into the central store, part of one sent on to the main pharmacy
        String later = db.batch("PARA500", "P-2099", "2099-06-30");
        String sooner = db.batch("PARA500", "P-2098", "2098-01-31");
        db.stock("CENTRAL", "PARA500", later, "5000");
        db.stock("CENTRAL", "PARA500", sooner, "1000");
        move("CENTRAL", "MAIN", "PARA500", sooner, "400");
        // a forgotten box found in the main pharmacy, expired long ago: on hand, but not usable
        String expired = db.batch("PARA500", "P-2020", "2020-03-31");
        db.jpa.run(em -> db.ledger.post(em, "ph.santos", System.currentTimeMillis(), List.of(new StockLedger.Movement(
                MovementKind.ADJUSTMENT, "MAIN", "PARA500", expired, new BigDecimal("100"), "FOUND", "ADJUSTMENT",
                UUID.randomUUID().toString(), null))));
        db.stock("CENTRAL", "GAUZE", db.batch("GAUZE", "G-1", null), "2500.5");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void stockIsAnsweredPerStoreAndBatchFirstExpiryFirstWithTotals() throws Exception {
        ItemStock paracetamol = soap.stockOf(" para500 ", null);
        assertEquals("PARA500", paracetamol.itemCode);
        assertEquals("Paracetamol 500 mg tablet", paracetamol.itemName);
        assertEquals("tablet", paracetamol.unit);
        assertTrue(paracetamol.active);
        assertEquals("6100", paracetamol.onHand);
        assertEquals("6000", paracetamol.usable);
        // WARD-A and the other stores hold none and are left out
        assertEquals(List.of("CENTRAL", "MAIN"), paracetamol.stores.stream().map(s -> s.storeCode).toList());

        ItemStock.StoreStock central = paracetamol.stores.get(0);
        assertEquals("Central store", central.storeName);
        assertEquals("5600", central.onHand);
        assertEquals(List.of("P-2098:2098-01-31:600", "P-2099:2099-06-30:5000"), lines(central));

        ItemStock.StoreStock main = paracetamol.stores.get(1);
        assertEquals("500", main.onHand);
        assertEquals("400", main.usable);
        assertEquals(List.of("P-2020:2020-03-31:100", "P-2098:2098-01-31:400"), lines(main));
        assertTrue(main.batches.get(0).expired);
        assertFalse(main.batches.get(1).expired);

        ItemStock gauze = soap.stockOf("GAUZE", "central");
        assertEquals("2500.5", gauze.onHand);
        assertEquals(null, gauze.stores.get(0).batches.get(0).expiryDate);
        assertFalse(gauze.stores.get(0).batches.get(0).expired);
    }

    @Test
    public void aNamedStoreIsAnsweredEvenWhenEmpty() throws Exception {
        ItemStock ward = soap.stockOf("PARA500", "WARD-A");
        assertEquals("0", ward.onHand);
        assertEquals(1, ward.stores.size());
        assertEquals("WARD-A", ward.stores.get(0).storeCode);
        assertTrue(ward.stores.get(0).batches.isEmpty());
        ItemStock main = soap.stockOf("PARA500", "MAIN");
        assertEquals("500", main.onHand);
        assertEquals(List.of("MAIN"), main.stores.stream().map(s -> s.storeCode).toList());

        ItemStock none = soap.stockOf("AMOX500", null);
        assertEquals("0", none.onHand);
        assertTrue(none.stores.isEmpty());

        // a retired item still answers: its stock is still there
        ItemService.of(db.jpa, catalogue, e -> { }).deactivate("PARA500");
        ItemStock retired = soap.stockOf("PARA500", null);
        assertFalse(retired.active);
        assertEquals("6100", retired.onHand);
    }

    @Test
    public void unknownItemsAndStoresAreFaults() throws Exception {
        assertFault(404, "urn:pavilion:problem:not-found", "NOSUCH", () -> soap.stockOf("NOSUCH", null));
        assertFault(404, "urn:pavilion:problem:not-found", "Store NOWHERE", () -> soap.stockOf("PARA500", "nowhere"));
        assertFault(400, "urn:pavilion:problem:validation", "itemCode", () -> soap.stockOf(" ", "MAIN"));
        assertFault(400, "urn:pavilion:problem:validation", "itemCode", () -> soap.stockOf(null, null));
    }

    @Test
    public void onlyIntegrationAccountsMayAsk() throws Exception {
        new PrivilegeMatrix().assertSoap(PharmacyStockSoap.class, Map.of("stockOf", Set.of("INTEGRATION")));
    }

    private void move(String from, String to, String item, String batch, String quantity) {
        String ref = UUID.randomUUID().toString();
        BigDecimal q = new BigDecimal(quantity);
        db.jpa.run(em -> db.ledger.post(em, "ph.santos", System.currentTimeMillis(), List.of(
                new StockLedger.Movement(MovementKind.TRANSFER_OUT, from, item, batch, q.negate(), null, "TRANSFER", ref, to),
                new StockLedger.Movement(MovementKind.TRANSFER_IN, to, item, batch, q, null, "TRANSFER", ref, from))));
    }

    private static List<String> lines(ItemStock.StoreStock store) {
        return store.batches.stream().map(b -> b.batchNumber + ":" + b.expiryDate + ":" + b.quantity).toList();
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertFault(int status, String type, String detailPart, Call call) throws Exception {
        try {
            call.run();
            fail("expected a fault " + status);
        } catch (PharmacyStockFault f) {
            assertEquals(f.getDetail(), status, f.getStatus());
            assertEquals(type, f.getProblemType());
            assertTrue(f.getDetail(), f.getDetail().contains(detailPart));
        }
    }
}
