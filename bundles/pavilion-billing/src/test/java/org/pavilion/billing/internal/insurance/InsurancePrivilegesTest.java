package org.pavilion.billing.internal.insurance;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** Who may reach the insurance endpoints by default: billing staff and admins the setup, billing staff the claims. */
public class InsurancePrivilegesTest {

    private static final Set<String> SETUP = Set.of("BILLING", "ADMIN");
    private static final Set<String> CLAIMS = Set.of("BILLING");

    @Test
    public void everyInsuranceEndpointNamesItsPrivilege() throws Exception {
        PrivilegeMatrix m = new PrivilegeMatrix();
        m.assertRest(InsurerResource.class, Map.of("list", SETUP, "get", SETUP, "put", SETUP));
        m.assertRest(PlanResource.class, Map.of("list", SETUP, "get", SETUP, "put", SETUP));
        m.assertRest(PatientPolicyResource.class, Map.of("list", SETUP, "create", SETUP));
        m.assertRest(PolicyResource.class, Map.of("get", SETUP, "put", SETUP, "eligibility", SETUP));
        m.assertRest(ClaimResource.class, Map.of("list", CLAIMS, "submit", CLAIMS, "get", CLAIMS, "refresh", CLAIMS));
    }
}
