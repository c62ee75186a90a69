package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * An integrator reads the API of the hospital's installed departments: one OpenAPI document behind login, with the
 * paths every department publishes now; a department switched off leaves it, and comes back when switched on again.
 * Swagger UI's page loads for anyone, the document it shows only with a session.
 */
public class OpenApiIT extends PavilionTestSupport {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final String DOCUMENT = "/api/v1/platform/openapi.json";

    /** One known path of each department pavilion-all installs, as a department documents it in its README. */
    private static final List<String> SAMPLE = List.of("/api/v1/emr/patients", "/api/v1/scheduling/appointments",
            "/api/v1/lab/orders", "/api/v1/pharmacy/stores", "/api/v1/billing/tax-categories",
            "/api/v1/example/visits", "/api/v1/hl7/messages", "/api/v1/notifications/events",
            "/api/v1/platform/users", "/api/v1/auth/login");

    private static Set<String> paths(Http caller) throws Exception {
        Http.Response r = caller.get(DOCUMENT);
        assertEquals(r.toString(), 200, r.status);
        Set<String> paths = new TreeSet<>();
        r.json().path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    private static boolean describes(Set<String> paths, String address) {
        for (String p : paths) {
            if (p.equals(address) || p.startsWith(address + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Every REST address the module registry lists for the installed modules. */
    private static List<String> publishedAddresses(Http admin) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode m : admin.get("/api/v1/platform/modules").json()) {
            m.path("rest").forEach(a -> out.add(a.asText()));
        }
        return out;
    }

    @Test
    public void theDocumentListsEveryPublishedPathOfTheInstalledDepartments() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("every published REST address is described", BOUND, () -> {
            Set<String> paths = paths(admin);
            for (String sample : SAMPLE) {
                assertTrue(sample + " missing from " + paths, describes(paths, sample));
            }
            for (String address : publishedAddresses(admin)) {
                assertTrue(address + " missing from " + paths, describes(paths, address));
            }
        });
        JsonNode doc = admin.get(DOCUMENT).json();
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        assertFalse("resources the reader could not describe: " + doc.path("x-pavilion-undescribed"),
                doc.has("x-pavilion-undescribed"));
        JsonNode register = doc.path("paths").path("/api/v1/emr/patients").path("post");
        assertTrue(register.toString(), register.path("tags").toString().contains("\"emr\""));
        assertEquals("emr.patient.register", register.path("x-pavilion-privilege").asText());
        JsonNode login = doc.path("paths").path("/api/v1/auth/login").path("post");
        assertEquals("a public operation needs no credentials", 0, login.path("security").size());
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText());

        // The constraints a department declares (javax.validation from the platform's bundle, the classes swagger-core
        // reads too) appear in its schemas.
        JsonNode checkIn = doc.path("components").path("schemas").path("CheckIn");
        assertEquals(checkIn.toString(), 200, checkIn.path("properties").path("visitorName").path("maxLength").asInt());
        assertTrue(checkIn.toString(), checkIn.path("properties").path("badge").path("pattern").asText().contains("A-Z0-9-"));
        assertTrue(checkIn.toString(), checkIn.path("required").toString().contains("\"ward\""));

        Http.Response yaml = admin.getAccepting("/api/v1/platform/openapi.yaml", "application/yaml");
        assertEquals(yaml.toString(), 200, yaml.status);
        assertTrue(yaml.body.contains("/api/v1/emr/patients:"));
    }

    @Test
    public void aDepartmentSwitchedOffLeavesTheDocumentAndComesBackWithIt() throws Exception {
        Http admin = loginAsAdmin();
        everyDepartmentItsOwnRootRequirement();
        Await.until("scheduling is described", BOUND,
                () -> assertTrue(describes(paths(admin), "/api/v1/scheduling/appointments")));

        withFeatures(f -> f.uninstallFeature("pavilion-scheduling", NO_REFRESH));
        try {
            Await.until("scheduling's paths are gone from the document", BOUND, () -> {
                Set<String> paths = paths(admin);
                for (String p : paths) {
                    assertFalse(p + " is still described", p.startsWith("/api/v1/scheduling/"));
                }
                assertFalse(admin.get(DOCUMENT).json().path("tags").toString().contains("\"scheduling\""));
                // The other departments stay described.
                assertTrue(describes(paths, "/api/v1/emr/patients"));
                assertTrue(describes(paths, "/api/v1/lab/orders"));
            });
        } finally {
            withFeatures(f -> f.installFeature("pavilion-scheduling", NO_REFRESH));
        }
        Await.until("scheduling is described again", BOUND,
                () -> assertTrue(describes(paths(admin), "/api/v1/scheduling/appointments")));
    }

    @Test
    public void noAnonymousApiDescriptionAndNoneWithoutThePrivilege() throws Exception {
        Http admin = loginAsAdmin();
        Http anonymous = Http.anonymous(baseUrl());
        problem(401, anonymous.get(DOCUMENT));
        problem(401, anonymous.get("/api/v1/platform/openapi.yaml"));
        Http receptionist = createUser(admin, "openapi-rita", "RECEPTIONIST", null);
        problem(403, receptionist.get(DOCUMENT));

        // Swagger UI's page and files load anonymously; they hold no API description of their own.
        Http.Response page = anonymous.getAccepting("/api-docs/", "text/html");
        assertEquals(page.toString(), 200, page.status);
        assertTrue(page.body.contains("swagger-ui-bundle.js"));
        assertTrue(page.body.contains("pavilion-api-docs.js"));
        Http.Response script = anonymous.getAccepting("/api-docs/swagger-ui-bundle.js", "*/*");
        assertEquals(200, script.status);
        assertTrue(script.contentType.startsWith("text/javascript"));
        assertEquals(404, anonymous.getAccepting("/api-docs/swagger-initializer.js", "*/*").status);
    }
}
