package ${package}.internal;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * Every REST method and SOAP operation names a declared privilege, and a fresh hospital grants it to the roles written
 * here: change both together when the department's rules change.
 */
public class PrivilegesTest {

    private static final Set<String> OPEN = Set.of("DOCTOR", "NURSE", "ADMIN", "INTEGRATION");
    private static final Set<String> VIEW = Set.of("DOCTOR", "NURSE", "RECEPTIONIST", "ADMIN", "INTEGRATION");

    @Test
    public void cliniciansOpenReferralsAndTheFrontDeskSeesThem() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(ReferralResource.class, Map.of("open", OPEN, "list", VIEW, "get", VIEW));
        matrix.assertSoap(ReferralSoap.class, Map.of("openReferral", OPEN, "getReferral", VIEW));
    }
}
