package org.pavilion.billing.internal.charges;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.junit.Test;

/**
 * Billing's event subscriptions load and route with none of the publishing departments installed: the routes class
 * is loaded by a class loader that has no scheduling, lab or pharmacy api (as in a container without those bundles,
 * the imports being optional), builds its three routes and takes events; only an event of a missing department,
 * switched on, would need its api class.
 */
public class WithoutTheDepartmentsTest {

    /** Billing's own classes loaded afresh (child first); the departments' apis missing; the rest from the test. */
    static final class WithoutDepartments extends ClassLoader {

        WithoutDepartments(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.pavilion.scheduling.api.") || name.startsWith("org.pavilion.lab.api.")
                        || name.startsWith("org.pavilion.pharmacy.api.")
                        || name.startsWith("org.pavilion.telemedicine.")) {
                    throw new ClassNotFoundException(name + " (department not installed)");
                }
                if (!name.startsWith("org.pavilion.billing.internal.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    @Test
    public void theSubscriptionsStartAndTakeEventsWithNoDepartmentInstalled() throws Exception {
        ClassLoader alone = new WithoutDepartments(getClass().getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> Class.forName(
                "org.pavilion.scheduling.api.AppointmentCompleted", false, alone));
        Class<?> routesClass = Class.forName(ChargeEventRoutes.class.getName(), true, alone);
        Class<?> serviceClass = Class.forName(ChargeService.class.getName(), false, alone);
        Class<?> configClass = Class.forName("org.pavilion.billing.internal.BillingConfig", false, alone);
        Map<String, Object> off = Map.of("chargeAppointments", false);
        Object config = Proxy.newProxyInstance(alone, new Class<?>[] {configClass}, (p, m, a) ->
                off.containsKey(m.getName()) ? off.get(m.getName()) : m.getDefaultValue());
        Constructor<?> make = routesClass.getDeclaredConstructor(serviceClass, configClass);
        make.setAccessible(true);
        RouteBuilder routes = (RouteBuilder) make.newInstance(null, config);

        routes.configure();
        assertEquals(4, routes.getRouteCollection().getRoutes().size());

        Method onEvent = routesClass.getDeclaredMethod("onEvent", String.class, String.class);
        onEvent.setAccessible(true);
        assertNull(onEvent.invoke(routes, "PatientRegistered", "{}"));
        assertNull("switched off: taken without loading scheduling's classes",
                onEvent.invoke(routes, "AppointmentCompleted", "{\"appointmentId\":\"APT-1\"}"));
        assertNull("telemedicine's event is read as JSON: a room nobody was admitted to, not charged",
                onEvent.invoke(routes, "ConsultationEnded", "{\"consultationId\":\"TC-1\",\"startedAt\":null}"));
        InvocationTargetException missing = assertThrows(InvocationTargetException.class,
                () -> onEvent.invoke(routes, "LabTestCompleted", "{\"itemId\":\"I-1\"}"));
        assertTrue(String.valueOf(missing.getCause()), missing.getCause() instanceof NoClassDefFoundError);
    }
}
