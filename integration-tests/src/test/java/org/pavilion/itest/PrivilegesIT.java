package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The hospital makes its own roles: the administrator creates "cashier" with two privileges, a new cashier can call
 * exactly those endpoints and gets 403 elsewhere, and a revoke reaches her within the refresh bound. An endpoint
 * that names no privilege, or one no module declares, is not published at all.
 */
public class PrivilegesIT extends PavilionTestSupport {

    private static final Duration REFRESH_BOUND = Duration.ofSeconds(20);

    @Test
    public void aCashierMayCallExactlyWhatHerRoleGrants() throws Exception {
        Http admin = loginAsAdmin();
        Http.Response privileges = admin.get("/api/v1/platform/privileges");
        assertEquals(privileges.toString(), 200, privileges.status);
        boolean listed = false;
        for (JsonNode p : privileges.json()) {
            if (p.path("name").asText().equals("emr.icd10.search")) {
                listed = p.path("available").asBoolean() && p.path("module").asText().equals("emr");
            }
        }
        assertTrue("emr.icd10.search listed, available, of module emr: " + privileges, listed);

        ObjectNode role = Http.json().createObjectNode().put("name", "cashier").put("description", "Takes payments");
        Http.Response created = admin.post("/api/v1/platform/roles", role);
        assertEquals(created.toString(), 201, created.status);
        Http.Response duplicate = admin.post("/api/v1/platform/roles", role);
        assertEquals(duplicate.toString(), 409, duplicate.status);
        assertTrue(duplicate.toString(), duplicate.contentType.startsWith("application/problem+json"));
        assertEquals(200, admin.put("/api/v1/platform/roles/cashier/privileges/emr.icd10.search", null).status);
        assertEquals(200, admin.put("/api/v1/platform/roles/cashier/privileges/emr.patient.search", null).status);
        assertEquals(404, admin.put("/api/v1/platform/roles/cashier/privileges/billing.payment.take", null).status);
        assertEquals(404, admin.put("/api/v1/platform/roles/barista/privileges/emr.icd10.search", null).status);

        ObjectNode user = Http.json().createObjectNode().put("username", "carla.cashier").put("password", "till-number-four");
        user.putArray("roles").add("cashier");
        Http.Response made = admin.post("/api/v1/platform/users", user);
        assertEquals(made.toString(), 201, made.status);
        Http carla = Http.login(baseUrl(), "carla.cashier", "till-number-four");

        assertEquals(200, carla.get("/api/v1/emr/icd10?q=diab").status);
        assertEquals(200, carla.get("/api/v1/emr/patients?name=Nobody").status);
        Http.Response forbidden = carla.get("/api/v1/platform/users");
        assertEquals(forbidden.toString(), 403, forbidden.status);
        assertTrue(forbidden.toString(), forbidden.contentType.startsWith("application/problem+json")
                && forbidden.body.contains("platform.user.manage"));
        assertEquals(403, carla.post("/api/v1/emr/patients", Http.json().createObjectNode()).status);
        assertEquals(403, carla.get("/api/v1/hl7/messages").status);
        assertEquals(403, carla.get("/api/v1/platform/audit").status);

        // The hospital changes its mind: without signing out, she loses ICD-10 search within the bound.
        assertEquals(200, admin.delete("/api/v1/platform/roles/cashier/privileges/emr.icd10.search").status);
        Await.until("the revoke reaches a signed-in cashier", REFRESH_BOUND,
                () -> assertEquals(403, carla.get("/api/v1/emr/icd10?q=diab").status));
        assertEquals(200, carla.get("/api/v1/emr/patients?name=Nobody").status);

        JsonNode grants = admin.get("/api/v1/platform/audit?resourceType=role&size=50").json();
        assertTrue(grants.toString(), grants.path("total").asLong() >= 4); // create, two grants, a revoke
    }

    @Test
    public void anUninstalledDepartmentKeepsItsGrantsAndAReinstallDoesNotUndoARevoke() throws Exception {
        Http admin = loginAsAdmin();
        everyDepartmentItsOwnRootRequirement();
        String board = "example-ward-board.board.view";
        Await.until("the ward board's privilege is known", REFRESH_BOUND, () -> assertEquals("true", privilege(admin, board, "available")));
        assertEquals(200, admin.delete("/api/v1/platform/roles/RECEPTIONIST/privileges/" + board).status);

        withFeatures(f -> f.uninstallFeature("pavilion-example-subscriber", NO_REFRESH));
        Await.until("the ward board's privilege shows as unavailable", REFRESH_BOUND,
                () -> assertEquals("false", privilege(admin, board, "available")));
        assertEquals("[\"ADMIN\",\"DOCTOR\",\"NURSE\"]", privilege(admin, board, "roles"));

        withFeatures(f -> f.installFeature("pavilion-example-subscriber", NO_REFRESH));
        Await.until("available again after the reinstall", Duration.ofMinutes(1),
                () -> assertEquals("true", privilege(admin, board, "available")));
        // The grants kept while it was away are effective again; the receptionist's revoke stands.
        assertEquals("[\"ADMIN\",\"DOCTOR\",\"NURSE\"]", privilege(admin, board, "roles"));
    }

    private static String privilege(Http admin, String name, String field) throws Exception {
        for (JsonNode p : admin.get("/api/v1/platform/privileges").json()) {
            if (p.path("name").asText().equals(name)) {
                return p.path(field).toString();
            }
        }
        return "not listed";
    }

    @Path("/")
    public static class Unguarded {
        @GET
        @Produces("application/json")
        public java.util.Map<String, String> secrets() {
            return java.util.Map.of("secrets", "every patient's");
        }
    }

    @Path("/")
    public static class Undeclared {
        @GET
        @Produces("application/json")
        @RequiresPrivilege("itest.secret.read")
        public java.util.Map<String, String> secrets() {
            return java.util.Map.of("secrets", "every patient's");
        }
    }

    @Path("/")
    public static class Open {
        @GET
        @Produces("application/json")
        @PublicEndpoint
        public java.util.Map<String, String> hello() {
            return java.util.Map.of("visitingHours", "10-20");
        }
    }

    @Test
    public void anEndpointWithoutADeclaredPrivilegeIsRefusedAtPublication() throws Exception {
        awaitHealthy();
        ServiceRegistration<?> open = register(new Open(), "/itest-open");
        ServiceRegistration<?> unguarded = register(new Unguarded(), "/itest-unguarded");
        ServiceRegistration<?> undeclared = register(new Undeclared(), "/itest-undeclared");
        try {
            Http anonymous = Http.anonymous(baseUrl());
            // The public one is served, so the registrations reach the publisher: the others' 404 is a refusal.
            Await.until("the public endpoint is served", Duration.ofSeconds(30),
                    () -> assertEquals(200, anonymous.get("/api/v1/itest-open").status));
            Http admin = loginAsAdmin();
            for (String path : new String[] {"/api/v1/itest-unguarded", "/api/v1/itest-undeclared"}) {
                Http.Response r = admin.get(path);
                assertEquals(path + " " + r, 404, r.status);
                assertTrue(r.toString(), !r.body.contains("secrets"));
            }
        } finally {
            open.unregister();
            unguarded.unregister();
            undeclared.unregister();
        }
    }

    private ServiceRegistration<?> register(Object resource, String base) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoints.REST_BASE, base);
        return bundleContext.registerService(Object.class, resource, props);
    }
}
