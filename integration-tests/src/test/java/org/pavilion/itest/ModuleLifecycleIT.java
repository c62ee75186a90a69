package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.CamelContext;
import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * What an operator does while the hospital keeps working: switch a department off and on again at runtime,
 * and drop an integration route file in and take it out, with the rest of the platform answering meanwhile.
 */
public class ModuleLifecycleIT extends PavilionTestSupport {

    private static final Duration BOUND = Duration.ofMinutes(2);

    private static List<String> moduleNames(Http caller) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode m : caller.get("/api/v1/platform/modules").json()) {
            names.add(m.path("name").asText());
        }
        return names;
    }

    @Test
    public void theExampleDepartmentIsSwitchedOffAndOnWhileTheCoreKeepsServing() throws Exception {
        Http admin = loginAsAdmin();
        everyDepartmentItsOwnRootRequirement();
        ObjectNode visit = Http.json().createObjectNode().put("badge", "L-1").put("visitorName", "Before Switch-off")
                .put("patientId", "P-800").put("ward", "GER");
        Http.Response created = admin.post("/api/v1/example/visits", visit);
        assertEquals(created.toString(), 201, created.status);
        String id = created.json().path("id").asText();

        withFeatures(f -> f.uninstallFeature("pavilion-example-subscriber", NO_REFRESH));
        withFeatures(f -> f.uninstallFeature("pavilion-example", NO_REFRESH));
        Await.until("the example endpoints are gone", BOUND, () -> {
            assertEquals(404, admin.get("/api/v1/example/visits/" + id).status);
            assertEquals(404, admin.get("/api/v1/example/ward-board").status);
            assertFalse(moduleNames(admin).contains("example"));
        });
        assertEquals(200, admin.get("/api/v1/platform/health").status);
        assertEquals(200, admin.get("/api/v1/platform/users").status);
        assertTrue(moduleNames(admin).contains("platform"));
        assertTrue(admin.get("/api/v1/platform/audit/verify").json().path("intact").asBoolean());

        withFeatures(f -> f.installFeature("pavilion-example", NO_REFRESH));
        withFeatures(f -> f.installFeature("pavilion-example-subscriber", NO_REFRESH));
        Await.until("the example endpoints are back with their data", BOUND, () -> {
            Http.Response back = admin.get("/api/v1/example/visits/" + id);
            assertEquals(back.toString(), 200, back.status);
            assertEquals("Before Switch-off", back.json().path("visitorName").asText());
            assertTrue(moduleNames(admin).contains("example"));
        });
        visit.put("badge", "L-2").put("visitorName", "After Switch-on");
        Await.until("check-in accepted again", BOUND, () -> assertEquals(201, admin.post("/api/v1/example/visits", visit).status));
        Await.until("the re-installed subscriber hears of L-2", BOUND, () -> {
            boolean heard = false;
            for (JsonNode e : admin.get("/api/v1/example/ward-board").json()) {
                heard |= "L-2".equals(e.path("badge").asText());
            }
            assertTrue(heard);
        });
    }

    @Test
    public void theEmrIsSwitchedOffAndOnWithItsRecordsIntactWhileTheOtherDepartmentsServe() throws Exception {
        Http admin = loginAsAdmin();
        everyDepartmentItsOwnRootRequirement();
        Await.until("the EMR serves", BOUND, () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
        ObjectNode patient = Http.json().createObjectNode().put("givenName", "Switch").put("familyName", "Lifecycle")
                .put("sex", "OTHER").put("birthDate", "1999-09-09");
        Http.Response registered = admin.post("/api/v1/emr/patients", patient);
        assertEquals(registered.toString(), 201, registered.status);
        String mrn = registered.json().path("mrn").asText();
        // The lab asks the EMR about the patients it serves: a malformed MRN is the EMR's 400 there.
        Http doctor = createUser(admin, "dr.lifecycle", "DOCTOR", null);
        String labByBadMrn = "/api/v1/lab/orders?patientId=not-an-mrn";
        Await.until("the lab asks the EMR", BOUND, () -> assertEquals(400, doctor.get(labByBadMrn).status));

        withFeatures(f -> f.uninstallFeature("pavilion-emr", NO_REFRESH));
        Await.until("the EMR endpoints are gone", BOUND, () -> {
            assertEquals(404, admin.get("/api/v1/emr/patients/" + mrn).status);
            assertEquals(404, admin.get("/api/v1/emr/records/" + mrn).status);
            assertEquals(404, admin.get("/api/v1/emr/documents?mrn=" + mrn).status);
            assertFalse(moduleNames(admin).contains("emr"));
        });
        // The rest of the hospital keeps working without it.
        assertEquals(200, admin.get("/api/v1/platform/health").status);
        ObjectNode visit = Http.json().createObjectNode().put("badge", "E-1").put("visitorName", "During EMR Outage")
                .put("patientId", mrn).put("ward", "ICU");
        assertEquals(201, admin.post("/api/v1/example/visits", visit).status);
        assertTrue(admin.get("/api/v1/platform/audit/verify").json().path("intact").asBoolean());
        // Without the EMR the lab applies its own rule: a clinician's privilege opens the list.
        Await.until("the lab serves without the EMR", BOUND, () -> assertEquals(200,
                doctor.get(labByBadMrn).status));

        withFeatures(f -> f.installFeature("pavilion-emr", NO_REFRESH));
        Await.until("the EMR is back with its patients", BOUND, () -> {
            Http.Response back = admin.get("/api/v1/emr/patients/" + mrn);
            assertEquals(back.toString(), 200, back.status);
            assertEquals("Lifecycle", back.json().path("familyName").asText());
            assertTrue(moduleNames(admin).contains("emr"));
        });
        Await.until("registration works again", BOUND, () -> assertEquals(201, admin.post(
                "/api/v1/emr/patients?confirmDuplicate=true", patient.put("givenName", "Again")).status));
        // The lab, neither restarted nor refreshed, asks the EMR again (its import of the EMR's api is wired at
        // first use): restricted records and merged MRNs are the EMR's to decide once more.
        Await.until("the lab asks the EMR again", BOUND, () -> assertEquals(400, doctor.get(labByBadMrn).status));
    }

    @Test
    public void anIntegratorsRouteFileRunsWhenDroppedInAndStopsWhenDeleted() throws Exception {
        awaitHealthy();
        CamelContext camel = awaitService(CamelContext.class, null, BOUND);
        Path file = Paths.get(System.getProperty("karaf.etc"), "routes", "itest-triage.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "- route:\n"
                + "    id: itest-triage\n"
                + "    from:\n"
                + "      uri: direct:itest-triage\n"
                + "      steps:\n"
                + "        - setBody:\n"
                + "            simple: \"triaged ${body}\"\n", StandardCharsets.UTF_8);
        try {
            Await.until("the route file is loaded", BOUND, () -> assertNotNull(camel.getRoute("itest-triage")));
            assertEquals("triaged chest pain",
                    camel.createProducerTemplate().requestBody("direct:itest-triage", "chest pain", String.class));

            Files.writeString(file, Files.readString(file).replace("triaged", "re-triaged"), StandardCharsets.UTF_8);
            Await.until("the changed file is reloaded", BOUND, () -> assertEquals("re-triaged fever",
                    camel.createProducerTemplate().requestBody("direct:itest-triage", "fever", String.class)));
        } finally {
            Files.deleteIfExists(file);
        }
        Await.until("the deleted file's route is gone", BOUND, () -> assertEquals(null, camel.getRoute("itest-triage")));
        assertEquals(200, Http.anonymous(baseUrl()).get("/api/v1/platform/health").status);
    }
}
