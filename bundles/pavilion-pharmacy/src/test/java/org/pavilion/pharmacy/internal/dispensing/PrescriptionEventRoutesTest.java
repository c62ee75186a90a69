package org.pavilion.pharmacy.internal.dispensing;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.apache.camel.model.RouteDefinition;
import org.junit.Test;

/** The queue's subscription in the platform's Camel context; its work is tested in {@link DispensingDayTest}. */
public class PrescriptionEventRoutesTest {

    @Test
    public void subscribesToTheEmrsIssuedAndStoppedPrescriptions() throws Exception {
        PrescriptionEventRoutes routes = new PrescriptionEventRoutes((PrescriptionEvents) null);
        routes.configure();
        List<RouteDefinition> defined = routes.getRouteCollection().getRoutes();
        assertEquals(1, defined.size());
        assertEquals("pharmacy-prescriptions", defined.get(0).getRouteId());
        assertEquals("pavilion-event:pharmacy-prescriptions?types=PrescriptionIssued,PrescriptionStopped",
                defined.get(0).getInput().getEndpointUri());
    }
}
