package org.pavilion.notifications.internal.recipients;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The recipients' endpoints are the paths of docs/notifications-api.md ("REST") owned by internal.recipients, each
 * behind the privilege the contract names, declared with its seeded roles.
 */
public class RecipientEndpointsTest {

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : new Class<?>[] {PatientPreferenceResource.class, PortalResource.class,
                StaffContactResource.class, MyContactResource.class}) {
            String base = (String) r.getDeclaredField("BASE").get(null);
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(PUT.class) ? "PUT"
                        : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                RequiresPrivilege p = m.getAnnotation(RequiresPrivilege.class);
                assertNotNull(r.getSimpleName() + "." + m.getName() + " names no privilege", p);
                Path path = m.getAnnotation(Path.class);
                found.put(verb + " " + base + (path == null ? "" : "/" + path.value()), p.value());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("GET /notifications/patients/{mrn}/preferences", "notifications.preferences.manage");
        expected.put("PUT /notifications/patients/{mrn}/preferences", "notifications.preferences.manage");
        expected.put("GET /notifications/portal/preferences", "notifications.preferences.own");
        expected.put("PUT /notifications/portal/preferences", "notifications.preferences.own");
        expected.put("GET /notifications/portal/messages", "notifications.preferences.own");
        expected.put("GET /notifications/staff-contacts", "notifications.contacts.manage");
        expected.put("GET /notifications/staff-contacts/{username}", "notifications.contacts.manage");
        expected.put("PUT /notifications/staff-contacts/{username}", "notifications.contacts.manage");
        expected.put("DELETE /notifications/staff-contacts/{username}", "notifications.contacts.manage");
        expected.put("GET /notifications/me/contact", "notifications.contacts.own");
        expected.put("PUT /notifications/me/contact", "notifications.contacts.own");
        assertEquals(expected, found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("RECEPTIONIST", "ADMIN"), privileges.defaultRoles("notifications.preferences.manage"));
        assertEquals(Set.of("PATIENT"), privileges.defaultRoles("notifications.preferences.own"));
        assertEquals(Set.of("ADMIN"), privileges.defaultRoles("notifications.contacts.manage"));
    }
}
