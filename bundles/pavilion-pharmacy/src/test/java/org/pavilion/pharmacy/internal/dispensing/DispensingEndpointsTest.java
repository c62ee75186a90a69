package org.pavilion.pharmacy.internal.dispensing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The dispensing endpoints are the paths of docs/pharmacy-api.md ("Dispensing"), each behind the privilege the
 * document names, declared in the pharmacy's privilege file with its seeded roles.
 */
public class DispensingEndpointsTest {

    private static final Class<?>[] RESOURCES = {QueueResource.class, PrescriptionResource.class,
        DispenseResource.class, PatientDispensesResource.class, PortalDispensesResource.class};

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : RESOURCES) {
            String base = base(r);
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : null;
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
                "GET /pharmacy/queue", "pharmacy.dispensing.view",
                "GET /pharmacy/prescriptions/{id}", "pharmacy.dispensing.view",
                "PUT /pharmacy/prescriptions/{id}", "pharmacy.dispensing.record",
                "POST /pharmacy/prescriptions/{id}/dispenses", "pharmacy.dispensing.record",
                "POST /pharmacy/dispenses/{id}/returns", "pharmacy.dispensing.record",
                "GET /pharmacy/patients/{mrn}/dispenses", "pharmacy.dispensing.view",
                "GET /pharmacy/portal/dispenses", "pharmacy.dispensing.view-own")), found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("PHARMACIST", "DOCTOR", "NURSE"), privileges.defaultRoles("pharmacy.dispensing.view"));
        assertEquals(Set.of("PHARMACIST"), privileges.defaultRoles("pharmacy.dispensing.record"));
        assertEquals(Set.of("PATIENT"), privileges.defaultRoles("pharmacy.dispensing.view-own"));
        assertEquals(Set.of("PHARMACIST"), privileges.defaultRoles(Dispensing.OVERRIDE));
    }

    /** The base each resource registers under ({@code Endpoints.REST_BASE + "=" + BASE} in its @Component). */
    private static String base(Class<?> resource) throws ReflectiveOperationException {
        java.lang.reflect.Field f = resource.getDeclaredField("BASE");
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
