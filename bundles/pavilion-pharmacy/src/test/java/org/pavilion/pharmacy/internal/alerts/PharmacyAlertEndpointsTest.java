package org.pavilion.pharmacy.internal.alerts;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.pharmacy.internal.forecast.ForecastResource;

/** Alerts, suggestions and forecasts are for the pharmacists and administrators; nothing is public. */
public class PharmacyAlertEndpointsTest {

    private static final Set<String> STOCK_KEEPERS = Set.of("PHARMACIST", "ADMIN");

    @Test
    public void theDefaultRolesOfEachEndpoint() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(AlertResource.class, Map.of("list", STOCK_KEEPERS));
        matrix.assertRest(ReorderSuggestionResource.class, Map.of("list", STOCK_KEEPERS));
        matrix.assertRest(ForecastResource.class, Map.of("get", STOCK_KEEPERS));
    }

    @Test
    public void nothingIsPublicOrWithoutADeclaredPrivilege() {
        for (Class<?> resource : List.of(AlertResource.class, ReorderSuggestionResource.class, ForecastResource.class)) {
            assertEquals(resource.getSimpleName(), List.of(), EndpointRules.problems(resource,
                    EndpointRules.restMethods(resource), false, p -> p.startsWith("pharmacy.")));
        }
    }
}
