package org.pavilion.example.internal;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** The example's endpoints allow, by default, exactly the roles their {@code @RolesAllowed} named before privileges. */
public class PrivilegesMatrixTest {

    @Test
    public void visitorLogEndpointsAllowTheRolesTheyAllowedBefore() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        Set<String> wards = Set.of("RECEPTIONIST", "ADMIN", "NURSE", "DOCTOR");
        matrix.assertRest(VisitResource.class, Map.of("checkIn", Set.of("RECEPTIONIST", "ADMIN"), "list", wards,
                "get", wards));
        matrix.assertSoap(VisitorLogSoap.class, Map.of("checkIn", Set.of("RECEPTIONIST", "ADMIN", "INTEGRATION"),
                "getVisit", Set.of("RECEPTIONIST", "ADMIN", "INTEGRATION", "NURSE", "DOCTOR")));
    }
}
