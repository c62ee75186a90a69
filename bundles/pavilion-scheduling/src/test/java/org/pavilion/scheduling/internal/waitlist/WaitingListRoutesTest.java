package org.pavilion.scheduling.internal.waitlist;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.model.RouteDefinition;
import org.junit.Test;

/**
 * The routes the waiting list contributes to the platform's Camel context: the durable subscription to cancelled
 * and rescheduled appointments, and the 30-second expiry timer. Their work is {@link SlotOffers}' and
 * {@link WaitingList}'s plain methods, tested in {@link WaitingListOffersTest}.
 */
public class WaitingListRoutesTest {

    @Test
    public void subscribesToFreedSlotsAndRunsTheExpiryTimer() throws Exception {
        WaitingListRoutes routes = new WaitingListRoutes(null, null);
        routes.configure();
        Map<String, String> inputs = routes.getRouteCollection().getRoutes().stream()
                .collect(Collectors.toMap(RouteDefinition::getRouteId, r -> r.getInput().getEndpointUri()));
        assertEquals(Map.of(
                "scheduling-waiting-list",
                "pavilion-event:scheduling-waiting-list?types=AppointmentCancelled,AppointmentRescheduled",
                "scheduling-waiting-list-expiry",
                "timer:scheduling-waiting-list-expiry?period=30000&delay=30000"), inputs);
        assertEquals(List.of("scheduling-waiting-list", "scheduling-waiting-list-expiry"),
                routes.getRouteCollection().getRoutes().stream().map(RouteDefinition::getRouteId).toList());
    }
}
