package org.pavilion.billing.internal.payments;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The payment endpoints are the paths of docs/billing-api.md ("Payments"), each at a base of its own behind the
 * privilege the contract names; the provider's notification is the one public path.
 */
public class PaymentEndpointsTest {

    private static final Class<?>[] RESOURCES = {PaymentsResource.class, CashResource.class,
        PortalPaymentsResource.class, PaymentNotificationsResource.class};

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        Set<String> bases = new HashSet<>();
        for (Class<?> r : RESOURCES) {
            String base = base(r);
            assertTrue("two resources share " + base, bases.add(base));
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : null;
                if (verb == null) {
                    continue;
                }
                Path path = m.getAnnotation(Path.class);
                RequiresPrivilege p = m.getAnnotation(RequiresPrivilege.class);
                String rule = p != null ? p.value() : m.isAnnotationPresent(PublicEndpoint.class) ? "public" : null;
                found.put(verb + " " + base + (path == null ? "" : "/" + path.value()), rule);
            }
        }
        assertEquals(new TreeMap<>(Map.of(
                "POST /billing/payments", "billing.payments.record",
                "POST /billing/payments/{id}/refunds", "billing.payments.record",
                "GET /billing/payments", "billing.payments.record",
                "GET /billing/cash/{cashier}/{day}", "billing.payments.record",
                "POST /billing/cash/{cashier}/{day}/close", "billing.payments.record",
                "POST /billing/portal/payments", "billing.invoices.view-own",
                "POST /billing/payment-notifications/{provider}", "public")), found);
        assertNull(PaymentNotificationsResource.class.getDeclaredMethod("notified", String.class,
                javax.ws.rs.core.HttpHeaders.class, byte[].class).getAnnotation(RequiresPrivilege.class));

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("BILLING"), privileges.defaultRoles("billing.payments.record"));
        assertEquals(Set.of("PATIENT"), privileges.defaultRoles("billing.invoices.view-own"));
        assertEquals(Set.of("ADMIN", "BILLING"), privileges.defaultRoles(CashDesk.ANYONE));
    }

    private static String base(Class<?> resource) throws ReflectiveOperationException {
        java.lang.reflect.Field f = resource.getDeclaredField("BASE");
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
