package org.pavilion.scheduling.internal.soap;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.scheduling.internal.feedback.FeedbackResource;
import org.pavilion.scheduling.internal.feedback.MyFeedbackResource;

/**
 * Who may call the feedback endpoints and the SOAP service by default: every operation names a declared privilege
 * (the platform refuses to publish one that does not), granted to the roles the department's privilege file seeds.
 */
public class LifecyclePrivilegesTest {

    @Test
    public void feedbackAndSoapOperationsAreOpenToTheIntendedRolesOnly() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(MyFeedbackResource.class, Map.of("rate", Set.of("PATIENT")));
        matrix.assertRest(FeedbackResource.class, Map.of("list", Set.of("ADMIN", "DOCTOR")));
        Set<String> view = Set.of("INTEGRATION", "RECEPTIONIST", "ADMIN");
        matrix.assertSoap(SchedulingSoap.class, Map.of("findFreeSlots", view, "getAppointment", view,
                "listPatientAppointments", view, "bookAppointment", Set.of("INTEGRATION"),
                "cancelAppointment", Set.of("INTEGRATION")));
    }
}
