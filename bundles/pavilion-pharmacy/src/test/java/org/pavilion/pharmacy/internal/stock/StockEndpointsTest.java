package org.pavilion.pharmacy.internal.stock;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * Who may call the stock and ledger endpoints by default: pharmacists, nurses and administrators see stock; only
 * pharmacists move or adjust it. Nothing is public and every method names a declared pharmacy privilege.
 */
public class StockEndpointsTest {

    private static final Set<String> READERS = Set.of("PHARMACIST", "NURSE", "ADMIN");
    private static final Set<String> PHARMACIST = Set.of("PHARMACIST");

    @Test
    public void theDefaultRolesOfEachEndpoint() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(StockResource.class, Map.of("list", READERS, "line", READERS, "receive", PHARMACIST,
                "issue", PHARMACIST, "transfer", PHARMACIST, "adjust", PHARMACIST, "writeOff", PHARMACIST));
        matrix.assertRest(LedgerResource.class, Map.of("list", READERS));
    }

    @Test
    public void nothingIsPublicOrWithoutADeclaredPrivilege() {
        for (Class<?> resource : List.of(StockResource.class, LedgerResource.class)) {
            assertEquals(resource.getSimpleName(), List.of(), EndpointRules.problems(resource,
                    EndpointRules.restMethods(resource), false, p -> p.startsWith("pharmacy.")));
        }
    }

    /**
     * The resources hand their bodies to the services (the 201 itself needs a JAX-RS runtime, which this bundle's
     * tests do not carry; the services' answers are what the other tests check).
     */
    @Test
    public void theResourcesActThroughTheServices() throws Exception {
        try (Pharmacy pharmacy = new Pharmacy()) {
            StockResource stock = new StockResource(pharmacy.levels, pharmacy.moves);
            pharmacy.receive("MAIN", "PARA500", "P-1", "2027-06-30", "20");
            assertEquals("20", stock.line("MAIN", "PARA500").onHand);
            assertEquals(1, stock.list("MAIN", null, null, 0, 50).getTotal());
            assertEquals(400, Pharmacy.refused(() -> stock.adjust(null)).status());
            assertEquals(400, Pharmacy.refused(() -> stock.receive(null)).status());
            assertEquals(422, Pharmacy.refused(() -> stock.issue(Pharmacy.issue("MAIN", "PARA500", "-1", null, "Ward B")))
                    .status());
            assertEquals(409, Pharmacy.refused(() -> stock.transfer(Pharmacy.transfer("MAIN", "CENTRAL", "PARA500", "21")))
                    .status());
            assertEquals(409, Pharmacy.refused(() -> stock.writeOff(Pharmacy.writeOff("MAIN", "PARA500", "P-1")))
                    .status());
            assertEquals(400, Pharmacy.refused(() -> stock.list(null, null, null, 0, 0)).status());
            assertEquals(1, new LedgerResource(pharmacy.ledger).list("MAIN", "PARA500", null, null, null, 0, 50)
                    .getTotal());
        }
    }
}
