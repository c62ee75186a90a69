package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.jws.WebMethod;
import javax.jws.WebService;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.rest.resources.AuditResource;
import org.pavilion.core.internal.rest.resources.AuthResource;
import org.pavilion.core.internal.rest.resources.PlatformResources;
import org.pavilion.core.internal.rest.resources.RoleResource;
import org.pavilion.core.internal.security.totp.TotpResource;
import org.pavilion.core.internal.rest.resources.UserResource;
import org.pavilion.core.testing.PrivilegeMatrix;

/** Deny by default: what the publishers refuse, and the core's own endpoints against yesterday's roles. */
public class EndpointRulesTest {

    private static final Set<String> DECLARED = Set.of("scheduling.appointment.book", "scheduling.appointment.view");

    @Path("/")
    @RequiresPrivilege("scheduling.appointment.view")
    public static class Appointments {
        @GET
        public String list() {
            return "[]";
        }

        @POST
        @RequiresPrivilege("scheduling.appointment.book")
        public String book() {
            return "booked";
        }

        public String helper() {
            return "not a resource method";
        }
    }

    @Path("/")
    public static class ForgotOne {
        @GET
        @RequiresPrivilege("scheduling.appointment.view")
        public String list() {
            return "[]";
        }

        @POST
        public String book() {
            return "booked";
        }
    }

    @Path("/")
    public static class Directory {
        @GET
        @PublicEndpoint
        public String doctors() {
            return "[]";
        }

        @POST
        @RequiresPrivilege("scheduling.slot.publish")
        public String publish() {
            return "undeclared";
        }
    }

    @WebService
    public static class BookingSoap {
        @WebMethod
        @RequiresPrivilege("scheduling.appointment.book")
        public String book(String mrn) {
            return mrn;
        }

        @WebMethod
        @PublicEndpoint
        public String ping() {
            return "pong";
        }

        @WebMethod(exclude = true)
        public void notAnOperation() {
        }
    }

    private static List<String> rest(Class<?> type) {
        return EndpointRules.problems(type, EndpointRules.restMethods(type), true, DECLARED::contains);
    }

    @Test
    public void theMethodsPrivilegeWinsOverTheClasses() throws Exception {
        assertEquals("scheduling.appointment.book",
                EndpointRules.rule(Appointments.class, Appointments.class.getMethod("book")).privilege());
        assertEquals("scheduling.appointment.view",
                EndpointRules.rule(Appointments.class, Appointments.class.getMethod("list")).privilege());
        assertEquals(List.of(), rest(Appointments.class));
    }

    @Test
    public void aResourceMethodNamingNoPrivilegeRefusesTheWholeResource() {
        List<String> problems = rest(ForgotOne.class);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("ForgotOne.book names no privilege"));
    }

    @Test
    public void aPrivilegeNoInstalledModuleDeclaresIsRefusedTooButPublicMethodsPass() {
        List<String> problems = rest(Directory.class);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("scheduling.slot.publish, which no installed module declares"));
    }

    @Test
    public void soapOperationsCannotBePublic() {
        List<String> problems = EndpointRules.problems(BookingSoap.class, EndpointRules.soapOperations(BookingSoap.class),
                false, DECLARED::contains);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("BookingSoap.ping is @PublicEndpoint"));
    }

    @Test
    public void theCoresEndpointsAllowTheSeededRolesTheyAllowedBefore() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        Set<String> admin = Set.of("ADMIN");
        matrix.assertRest(UserResource.class, Map.of("create", admin, "list", admin, "get", admin,
                "changeRoles", admin, "assignRole", admin, "unassignRole", admin, "disable", admin, "enable", admin,
                "resetPassword", admin, "unlock", admin));
        matrix.assertRest(AuditResource.class, Map.of("search", admin, "verify", admin));
        matrix.assertRest(PlatformResources.Modules.class, Map.of("list", PrivilegeMatrix.ANY_SIGNED_IN));
        matrix.assertRest(RoleResource.class, Map.of("list", admin, "create", admin, "get", admin, "update", admin,
                "grant", admin, "revoke", admin, "secondFactor", admin, "requireSecondFactor", admin));
        matrix.assertRest(RoleResource.Privileges.class, Map.of("list", admin));
        // Two-step sign-in: one's own enrolment is open (a user confined to enrolment must reach it); a reset is not.
        for (java.lang.reflect.Method m : EndpointRules.restMethods(TotpResource.class)) {
            EndpointRules.Rule rule = EndpointRules.rule(TotpResource.class, m);
            assertTrue(m.getName(), m.getName().equals("reset")
                    ? "platform.user.manage".equals(rule.privilege()) && !rule.open() : rule.open());
        }
        for (Class<?> open : new Class<?>[] {AuthResource.class, PlatformResources.Health.class}) {
            for (java.lang.reflect.Method m : EndpointRules.restMethods(open)) {
                assertTrue(open.getSimpleName() + "." + m.getName(), EndpointRules.rule(open, m).open());
            }
        }
    }
}
