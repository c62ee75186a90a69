package org.pavilion.example.subscriber.internal;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** The ward board allows, by default, exactly the roles its {@code @RolesAllowed} named before privileges. */
public class PrivilegesMatrixTest {

    @Test
    public void theWardBoardAllowsTheRolesItAllowedBefore() throws Exception {
        new PrivilegeMatrix().assertRest(WardBoardResource.class,
                Map.of("entries", Set.of("NURSE", "DOCTOR", "RECEPTIONIST", "ADMIN")));
    }
}
