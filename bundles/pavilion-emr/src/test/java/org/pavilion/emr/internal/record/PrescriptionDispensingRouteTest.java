package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.model.RouteDefinition;
import org.junit.Test;

/**
 * The record's one subscription in the platform's Camel context: the pharmacy's MedicationDispensed events, by type
 * name. What a delivery does is {@link PrescriptionDispensing}'s, tested in {@link PrescriptionDispensingTest}.
 */
public class PrescriptionDispensingRouteTest {

    @Test
    public void subscribesToTheDispensesOfThePharmacyByTypeName() throws Exception {
        PrescriptionDispensingRoute route = new PrescriptionDispensingRoute(null);
        route.configure();
        Map<String, String> inputs = route.getRouteCollection().getRoutes().stream()
                .collect(Collectors.toMap(RouteDefinition::getRouteId, r -> r.getInput().getEndpointUri()));
        assertEquals(Map.of("emr-prescription-dispensed",
                "pavilion-event:emr-prescription-dispensed?types=MedicationDispensed"), inputs);
    }
}
