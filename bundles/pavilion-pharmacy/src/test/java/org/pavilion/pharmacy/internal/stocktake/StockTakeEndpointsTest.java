package org.pavilion.pharmacy.internal.stocktake;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** Nurses and pharmacists count; pharmacists and administrators approve. */
public class StockTakeEndpointsTest {

    private static final Set<String> COUNTERS = Set.of("PHARMACIST", "NURSE");

    @Test
    public void countersCountAndApproversApprove() throws Exception {
        new PrivilegeMatrix().assertRest(StockTakeResource.class, Map.of("open", COUNTERS, "list", COUNTERS,
                "get", COUNTERS, "count", COUNTERS, "submit", COUNTERS, "cancel", COUNTERS,
                "approve", Set.of("PHARMACIST", "ADMIN")));
    }
}
