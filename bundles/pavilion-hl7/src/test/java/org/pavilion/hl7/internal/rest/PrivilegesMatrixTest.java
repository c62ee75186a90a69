package org.pavilion.hl7.internal.rest;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The hub's endpoints allow, by default, exactly the roles their {@code @RolesAllowed} named before privileges;
 * except editing and replaying, which need hl7.message.replay, seeded for administrators only (issue #20).
 */
public class PrivilegesMatrixTest {

    private static final Set<String> FEEDS_AND_ADMINS = Set.of("INTEGRATION", "ADMIN");

    @Test
    public void hubEndpointsAllowTheRolesTheyAllowedBefore() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(Hl7MessageResource.class, Map.of("list", FEEDS_AND_ADMINS, "get", FEEDS_AND_ADMINS,
                "edit", Set.of("ADMIN"), "replay", Set.of("ADMIN")));
        matrix.assertRest(Hl7OutboundResource.class, Map.of("list", FEEDS_AND_ADMINS, "queues", FEEDS_AND_ADMINS,
                "get", FEEDS_AND_ADMINS, "retry", FEEDS_AND_ADMINS));
        matrix.assertRest(Hl7RouteCursorResource.class, Map.of("list", FEEDS_AND_ADMINS));
    }
}
