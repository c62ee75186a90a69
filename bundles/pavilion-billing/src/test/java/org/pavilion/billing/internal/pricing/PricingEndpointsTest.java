package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The price list's endpoints are the paths of docs/billing-api.md ("Price list"), at pricing's own bases, each behind
 * the privilege the document names, declared with its seeded roles.
 */
public class PricingEndpointsTest {

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : new Class<?>[] {PriceResource.class, TaxCategoryResource.class}) {
            String base = base(r);
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
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
                "GET /billing/tax-categories", "billing.prices.view",
                "PUT /billing/tax-categories/{code}", "billing.prices.edit",
                "GET /billing/prices", "billing.prices.view",
                "POST /billing/prices", "billing.prices.edit",
                "GET /billing/prices/quote", "billing.prices.view",
                "GET /billing/prices/{id}", "billing.prices.view",
                "PUT /billing/prices/{id}", "billing.prices.edit",
                "DELETE /billing/prices/{id}", "billing.prices.edit")), found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("BILLING", "RECEPTIONIST", "ADMIN"), privileges.defaultRoles("billing.prices.view"));
        assertEquals(Set.of("ADMIN"), privileges.defaultRoles("billing.prices.edit"));
    }

    /** The base each resource registers under ({@code Endpoints.REST_BASE + "=" + BASE} in its @Component). */
    private static String base(Class<?> resource) throws ReflectiveOperationException {
        java.lang.reflect.Field f = resource.getDeclaredField("BASE");
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
