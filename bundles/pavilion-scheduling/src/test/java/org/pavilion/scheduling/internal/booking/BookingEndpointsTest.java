package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * Who may call the booking endpoints by default: the desk books, nurses check in, doctors complete, patients act in
 * the portal only; the kiosk is public and every other method names a declared privilege.
 */
public class BookingEndpointsTest {

    private static final Set<String> DESK = Set.of("RECEPTIONIST", "ADMIN");
    private static final Set<String> VIEWERS = Set.of("RECEPTIONIST", "ADMIN", "DOCTOR", "NURSE");

    @Test
    public void theDeskThePortalAndTheWards() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(AppointmentResource.class, Map.of("book", DESK, "list", VIEWERS, "get", VIEWERS,
                "history", VIEWERS, "reschedule", DESK, "cancel", DESK,
                "checkIn", Set.of("RECEPTIONIST", "ADMIN", "NURSE"), "complete", Set.of("DOCTOR", "RECEPTIONIST",
                        "ADMIN"), "noShow", Set.of("RECEPTIONIST", "ADMIN", "NURSE")));
        Set<String> patients = Set.of("PATIENT");
        matrix.assertRest(MyAppointmentResource.class, Map.of("list", patients, "get", patients, "book", patients,
                "reschedule", patients, "cancel", patients, "qr", patients));
    }

    @Test
    public void theKioskIsPublicAndNothingIsLeftWithoutAPrivilege() {
        for (Class<?> resource : List.of(AppointmentResource.class, MyAppointmentResource.class,
                KioskResource.class)) {
            assertEquals(List.of(), EndpointRules.problems(resource, EndpointRules.restMethods(resource), true,
                    p -> p.startsWith("scheduling.")));
        }
        assertTrue(EndpointRules.rule(KioskResource.class, EndpointRules.restMethods(KioskResource.class).get(0))
                .open());
    }
}
