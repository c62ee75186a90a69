package org.pavilion.notifications.internal.rules;

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

/** The rules' endpoints are the paths of docs/notifications-api.md ("REST"), each behind its privilege. */
public class RulesEndpointsTest {

    private static final Class<?>[] RESOURCES = {EventResource.class, RuleResource.class, TemplateResource.class,
        PreviewResource.class};

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : RESOURCES) {
            java.lang.reflect.Field f = r.getDeclaredField("BASE");
            f.setAccessible(true);
            String base = (String) f.get(null);
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
        String view = "notifications.rules.view", manage = "notifications.rules.manage";
        Map<String, String> expected = new TreeMap<>();
        expected.put("GET /notifications/events", view);
        expected.put("GET /notifications/rules", view);
        expected.put("GET /notifications/rules/{id}", view);
        expected.put("POST /notifications/rules", manage);
        expected.put("PUT /notifications/rules/{id}", manage);
        expected.put("DELETE /notifications/rules/{id}", manage);
        expected.put("GET /notifications/templates", view);
        expected.put("GET /notifications/templates/{id}", view);
        expected.put("POST /notifications/templates", manage);
        expected.put("PUT /notifications/templates/{id}", manage);
        expected.put("DELETE /notifications/templates/{id}", manage);
        expected.put("POST /notifications/previews", view);
        assertEquals(expected, found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("ADMIN"), privileges.defaultRoles(view));
        assertEquals(Set.of("ADMIN"), privileges.defaultRoles(manage));
    }
}
