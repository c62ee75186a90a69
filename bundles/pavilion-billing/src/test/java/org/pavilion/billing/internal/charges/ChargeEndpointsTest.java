package org.pavilion.billing.internal.charges;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The charges endpoints are the paths of docs/billing-api.md ("Charges") at the two bases the contract gives the
 * charges part, each behind the privilege it names, declared with its seeded roles.
 */
public class ChargeEndpointsTest {

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        // the DS property (class-retained) is Endpoints.REST_BASE = BASE of each class
        for (Class<?> r : new Class<?>[] {ChargeResource.class, ParkedChargeResource.class}) {
            String base = (String) r.getDeclaredField("BASE").get(null);
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : null;
                if (verb == null) {
                    continue;
                }
                RequiresPrivilege p = m.getAnnotation(RequiresPrivilege.class);
                assertNotNull(r.getSimpleName() + "." + m.getName() + " names no privilege", p);
                Path path = m.getAnnotation(Path.class);
                found.put(verb + " " + base + (path == null ? "" : "/" + path.value()), p.value());
            }
        }
        assertEquals(new TreeMap<>(Map.of(
                "GET /billing/charges", "billing.charges.view",
                "POST /billing/charges", "billing.charges.post",
                "POST /billing/charges/{id}/cancel", "billing.charges.post",
                "GET /billing/parked-charges", "billing.charges.view",
                "POST /billing/parked-charges/{id}/post", "billing.charges.post",
                "POST /billing/parked-charges/{id}/discard", "billing.charges.post")), found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("BILLING", "ADMIN"), privileges.defaultRoles("billing.charges.view"));
        assertEquals(Set.of("BILLING"), privileges.defaultRoles("billing.charges.post"));
    }
}
