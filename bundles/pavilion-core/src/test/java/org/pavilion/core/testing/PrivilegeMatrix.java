package org.pavilion.core.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.internal.security.PrivilegeDeclaration;

/**
 * Proves a module's privileges keep today's meaning: for every REST method or SOAP operation of a class, the seeded
 * roles whose default grants include the method's privilege are exactly the roles its {@code @RolesAllowed} named
 * before privileges existed (the frozen matrix, written literally in the module's test).
 */
public final class PrivilegeMatrix {

    /** Every role, for a method that any signed-in user could call before (it had no {@code @RolesAllowed}). */
    public static final Set<String> ANY_SIGNED_IN = Set.of("ADMIN", "RECEPTIONIST", "DOCTOR", "NURSE",
            "LAB_TECHNICIAN", "PHARMACIST", "BILLING", "PATIENT", "INTEGRATION");

    private final Map<String, Set<String>> defaults = new TreeMap<>();

    /** The default grants of every privilege file on the test class path (the module's own and the core's). */
    public PrivilegeMatrix() throws IOException {
        Enumeration<URL> files = getClass().getClassLoader().getResources("OSGI-INF/pavilion/privileges.properties");
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (InputStream in = file.openStream()) {
                for (PrivilegeDeclaration d : PrivilegeDeclaration.parse(in, file.toString())) {
                    defaults.merge(d.name(), d.defaultRoles(), (a, b) -> {
                        throw new AssertionError(d.name() + " is declared by two modules");
                    });
                }
            }
        }
    }

    /** The seeded roles a privilege is granted to when first seen. */
    public Set<String> defaultRoles(String privilege) {
        Set<String> roles = defaults.get(privilege);
        assertNotNull(privilege + " is declared by no privilege file", roles);
        return roles;
    }

    /** Asserts the REST methods of {@code resource} against {@code before}: method name -> roles allowed before. */
    public void assertRest(Class<?> resource, Map<String, Set<String>> before) {
        check(resource, EndpointRules.restMethods(resource), before);
    }

    /** The same for the operations of a SOAP implementor. */
    public void assertSoap(Class<?> implementor, Map<String, Set<String>> before) {
        check(implementor, EndpointRules.soapOperations(implementor), before);
    }

    private void check(Class<?> type, List<Method> methods, Map<String, Set<String>> before) {
        Set<String> seen = new TreeSet<>();
        for (Method m : methods) {
            String name = m.getName();
            assertTrue(type.getSimpleName() + "." + name + " is missing from the frozen matrix", before.containsKey(name));
            seen.add(name);
            EndpointRules.Rule rule = EndpointRules.rule(type, m);
            assertNotNull(type.getSimpleName() + "." + name + " names no privilege", rule.privilege());
            assertEquals(type.getSimpleName() + "." + name + " (" + rule.privilege() + ")",
                    new TreeSet<>(before.get(name)), new TreeSet<>(defaultRoles(rule.privilege())));
        }
        assertEquals(type.getSimpleName() + ": the frozen matrix names methods the class does not have",
                new TreeSet<>(before.keySet()), seen);
    }
}
