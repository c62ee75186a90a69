package org.pavilion.pharmacy.internal.purchasing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.as;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.draft;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Supplier;

public class SuppliersTest {

    private PurchasingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new PurchasingDesk();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aSupplierIsRegisteredEditedFromItsVersionAndRetired() {
        Supplier medipharm = as("ph.santos", () -> desk.supplier("Medipharm Distributors"));
        as("ph.santos", () -> desk.supplier("Kenya Medical Supplies"));
        assertEquals(2, desk.suppliers.list(null, 0, 50).getTotal());
        assertEquals("Kenya Medical Supplies", desk.suppliers.list(true, 0, 50).getItems().get(0).name);

        Supplier edit = desk.suppliers.get(medipharm.id);
        edit.phone = "+254 20 555 0101";
        edit.active = false;
        Supplier retired = as("ph.santos", () -> desk.suppliers.replace(medipharm.id, edit));
        assertEquals("+254 20 555 0101", retired.phone);
        assertFalse(retired.active);
        // the same edit from the version read before: changed meanwhile
        expect(409, () -> desk.suppliers.replace(medipharm.id, edit));
        assertEquals(1, desk.suppliers.list(false, 0, 50).getTotal());
        // a retired supplier gets no new orders
        expect(422, () -> desk.orders.create(draft(medipharm.id, "CENTRAL", "PARA500", "10")));

        Supplier nameless = new Supplier();
        expect(400, () -> desk.suppliers.create(nameless));
        expect(404, () -> desk.suppliers.get("no-such-supplier"));
        assertEquals(3, desk.trail.stream().filter(e -> e.resourceType().equals("ph-supplier")).count());
    }

    private static void expect(int status, Runnable call) {
        try {
            as("ph.santos", () -> {
                call.run();
                return null;
            });
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            return;
        }
        fail("expected " + status);
    }
}
