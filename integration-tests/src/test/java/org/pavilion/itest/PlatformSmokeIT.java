package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.Feature;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The morning a hospital installs Pavilion: the distribution boots with no set-up, every department's feature
 * is installed, all of our bundles and components are up, the platform database is the one configured, the
 * health endpoint answers and the first administrator can sign in.
 */
public class PlatformSmokeIT extends PavilionTestSupport {

    /** What pavilion-all boots today. */
    private static final List<String> FEATURES = List.of("pavilion-datasource", "pavilion-core", "pavilion-camel",
            "pavilion-events", "pavilion-example", "pavilion-example-subscriber", "pavilion-hl7-api", "pavilion-emr", "pavilion-hl7", "pavilion-all");

    private static final Set<String> BUNDLES = Set.of("org.pavilion.core", "org.pavilion.camel",
            "org.pavilion.events", "org.pavilion.example", "org.pavilion.example.subscriber", "org.pavilion.hl7.api", "org.pavilion.emr", "org.pavilion.hl7");

    @Test
    public void everyDepartmentFeatureIsInstalled() throws Exception {
        for (String name : FEATURES) {
            Feature feature = features().getFeature(name);
            assertNotNull(name + " is in no features repository of the distribution", feature);
            assertTrue(name + " is not installed", features().isInstalled(feature));
        }
    }

    @Test
    public void everyBundleOfOursIsActiveAndNoBundleIsUnresolved() throws Exception {
        Await.until("all bundles up", BOOT_BOUND, () -> {
            Set<String> seen = new TreeSet<>();
            List<String> wrong = new ArrayList<>();
            for (Bundle b : bundleContext.getBundles()) {
                String bsn = b.getSymbolicName();
                boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                if (b.getState() == Bundle.INSTALLED) {
                    wrong.add(bsn + " is INSTALLED (unresolved)");
                }
                if (bsn != null && bsn.startsWith("org.pavilion.")) {
                    seen.add(bsn);
                    if (!fragment && b.getState() != Bundle.ACTIVE) {
                        wrong.add(bsn + " is " + state(b.getState()));
                    }
                }
            }
            assertTrue("missing bundles: " + seen + " should contain " + BUNDLES, seen.containsAll(BUNDLES));
            assertTrue(String.join("; ", wrong), wrong.isEmpty());
        });
    }

    @Test
    public void everyComponentOfOursIsSatisfied() throws Exception {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null, BOOT_BOUND);
        Await.until("all our DS components satisfied", BOOT_BOUND, () -> {
            List<String> broken = new ArrayList<>();
            int components = 0;
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("org.pavilion.")) {
                    continue;
                }
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                    components++;
                    if (!scr.isComponentEnabled(d)) {
                        continue;
                    }
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                                || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            StringBuilder why = new StringBuilder(d.name).append(" (").append(b.getSymbolicName())
                                    .append(") state ").append(c.state);
                            for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                                why.append(" missing ").append(u.name).append(' ').append(u.target);
                            }
                            if (c.failure != null) {
                                why.append(" failure ").append(c.failure);
                            }
                            broken.add(why.toString());
                        }
                    }
                }
            }
            assertTrue("no DS components found in our bundles", components > 0);
            assertTrue(String.join("\n", broken), broken.isEmpty());
        });
    }

    @Test
    public void thePlatformDataSourceIsTheConfiguredDatabase() throws Exception {
        DataSource ds = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        String expected = "postgresql".equals(System.getProperty(DB_PROPERTY)) ? "PostgreSQL" : "H2";
        try (Connection c = ds.getConnection()) {
            assertEquals(expected, c.getMetaData().getDatabaseProductName());
        }
        assertEquals("exactly one platform DataSource", 1,
                bundleContext.getServiceReferences(DataSource.class, "(osgi.jndi.service.name=pavilion)").size());
    }

    @Test
    public void healthAnswers200AndTheDatabaseIsUp() throws Exception {
        Http.Response health = awaitHealthy();
        assertTrue(health.toString(), health.contentType.startsWith("application/json"));
        assertEquals(health.toString(), "UP", health.json().path("status").asText());
        String product = "postgresql".equals(System.getProperty(DB_PROPERTY)) ? "PostgreSQL" : "H2";
        assertTrue(health.toString(), health.json().path("checks").path("database").path("detail").asText()
                .startsWith(product));
    }

    @Test
    public void theFirstAdministratorSignsInAndAnonymousCallersAreTurnedAway() throws Exception {
        Http admin = loginAsAdmin();
        assertTrue(admin.token() != null && !admin.token().isEmpty());
        Http.Response users = admin.get("/api/v1/platform/users?page=0&size=20");
        assertEquals(users.toString(), 200, users.status);
        assertTrue(users.toString(), users.body.contains("\"admin\""));
        assertEquals(401, Http.anonymous(baseUrl()).get("/api/v1/platform/users").status);
    }

    @Test
    public void everyModuleIsActiveAndServesItsRestEndpoints() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("every module ACTIVE with its endpoints served", BOOT_BOUND, () -> {
            Http.Response r = admin.get("/api/v1/platform/modules");
            assertEquals(r.toString(), 200, r.status);
            Set<String> names = new TreeSet<>();
            for (JsonNode module : r.json()) {
                String name = module.path("name").asText();
                names.add(name);
                assertEquals(r.toString(), "ACTIVE", module.path("state").asText());
                for (JsonNode rest : module.path("rest")) {
                    // A resource may have no GET at its root (the application's own problem+json 404 or a 405), but
                    // CXF must route to it: "No service was found" means nothing is published at that address.
                    Http.Response answer = admin.get(rest.asText());
                    boolean unrouted = answer.status == 404 && !answer.contentType.startsWith("application/problem+json");
                    assertTrue(rest.asText() + " is not served: " + answer, !unrouted && answer.status < 500);
                }
            }
            assertTrue("modules listed: " + names, names.containsAll(Set.of("platform", "example", "example-ward-board", "emr", "hl7")));
        });
    }

    @Test
    public void aBrowserSessionLivesInAnHttpOnlyCookieAndItsChangesNeedTheRequestHeader() throws Exception {
        loginAsAdmin();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String body = "{\"username\":\"admin\",\"password\":\"" + adminPassword() + "\"}";
        java.net.http.HttpResponse<String> signIn = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/auth/session")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(signIn.body(), 200, signIn.statusCode());
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/api"));
        assertTrue("the token stays out of the body: " + signIn.body(), !signIn.body().contains("\"token\""));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        java.net.http.HttpResponse<String> users = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/platform/users")).header("Cookie", cookie).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(users.body(), 200, users.statusCode());
        assertEquals("no-store", users.headers().firstValue("Cache-Control").orElse(""));

        // A change without the header is refused (a cross-site form cannot add it), with it it goes through.
        String role = "{\"name\":\"WEB_SESSION_TEST\",\"description\":\"browser session test\"}";
        java.net.http.HttpResponse<String> bare = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/platform/roles")).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(role)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(bare.body(), 403, bare.statusCode());
        java.net.http.HttpResponse<String> marked = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/platform/roles")).header("Cookie", cookie)
                .header("Content-Type", "application/json").header("X-Pavilion-Request", "1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(role)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(marked.body(), marked.statusCode() == 200 || marked.statusCode() == 201);

        java.net.http.HttpResponse<String> signOut = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/auth/session")).header("Cookie", cookie)
                .header("X-Pavilion-Request", "1").DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, signOut.statusCode());
        java.net.http.HttpResponse<String> after = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/v1/platform/users")).header("Cookie", cookie).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(after.body(), 401, after.statusCode());
        assertTrue(after.body(), after.body().contains("session-expired"));
    }

    @Test
    public void cxfServesUnderApiAndHidesItsServiceList() throws Exception {
        awaitHealthy();
        Http.Response list = Http.anonymous(baseUrl()).get("/api/services");
        assertEquals("etc/org.apache.cxf.osgi.cfg hide-service-list-page: " + list, 404, list.status);
        assertTrue(list.toString(), !list.body.contains("Available RESTful services"));
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNINSTALLED";
        }
    }
}
