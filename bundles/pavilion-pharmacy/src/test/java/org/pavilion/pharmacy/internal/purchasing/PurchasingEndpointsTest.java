package org.pavilion.pharmacy.internal.purchasing;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** Every purchasing endpoint names its privilege, and only pharmacists hold it by default. */
public class PurchasingEndpointsTest {

    private static final Set<String> PHARMACY = Set.of("PHARMACIST");

    @Test
    public void onlyPharmacistsBuy() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(SupplierResource.class, Map.of("list", PHARMACY, "create", PHARMACY, "get", PHARMACY,
                "replace", PHARMACY));
        matrix.assertRest(PurchaseOrderResource.class, Map.of("create", PHARMACY, "fromSuggestions", PHARMACY,
                "list", PHARMACY, "get", PHARMACY, "replace", PHARMACY, "send", PHARMACY, "cancel", PHARMACY,
                "receive", PHARMACY));
    }
}
