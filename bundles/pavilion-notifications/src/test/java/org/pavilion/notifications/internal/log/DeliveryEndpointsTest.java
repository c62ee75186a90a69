package org.pavilion.notifications.internal.log;

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

/** The delivery log's paths of docs/notifications-api.md ("REST"), each behind the privilege it names. */
public class DeliveryEndpointsTest {

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : new Class<?>[] {DeliveryResource.class, ChannelResource.class}) {
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
                "GET /notifications/deliveries", "notifications.deliveries.view",
                "GET /notifications/deliveries/{id}", "notifications.deliveries.view",
                "POST /notifications/deliveries/{id}/retry", "notifications.deliveries.retry",
                "GET /notifications/channels", "notifications.deliveries.view")), found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("ADMIN", "RECEPTIONIST"), privileges.defaultRoles("notifications.deliveries.view"));
        assertEquals(Set.of("ADMIN", "RECEPTIONIST"), privileges.defaultRoles("notifications.deliveries.retry"));
    }
}
