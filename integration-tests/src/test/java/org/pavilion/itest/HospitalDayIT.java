package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * A day at the front desk, through the real HTTP surface: staff accounts, logins, roles, the example
 * department's REST and SOAP faces, its event reaching the ward board only after commit, and the audit
 * trail of all of it. Each test makes its own users and badges, so they run in any order.
 */
public class HospitalDayIT extends PavilionTestSupport {

    /**
     * Delivery is at least once with back-off (1, 2, 4, 8, 16 s after failed attempts), so a subscriber that
     * fails a few times (seen now and then on PostgreSQL under load) is reached after about 31 s: wait beyond it.
     */
    private static final Duration EVENT_BOUND = WardBoard.DELIVERY_BOUND;

    private Http staff(Http admin, String username, String role) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static ObjectNode visitor(String badge, String name, String patient, String ward) {
        return Http.json().createObjectNode().put("badge", badge).put("visitorName", name).put("patientId", patient)
                .put("ward", ward);
    }

    @Test
    public void withoutATokenNothingButHealthAndLoginAnswers() throws Exception {
        awaitHealthy();
        Http anonymous = Http.anonymous(baseUrl());
        for (String path : List.of("/api/v1/platform/users", "/api/v1/platform/audit", "/api/v1/platform/modules",
                "/api/v1/example/visits", "/api/v1/example/ward-board")) {
            Http.Response r = anonymous.get(path);
            assertEquals(path + " " + r, 401, r.status);
            assertTrue(r.toString(), r.contentType.startsWith("application/problem+json"));
            assertEquals("urn:pavilion:problem:unauthorized", r.json().path("type").asText());
        }
        assertEquals(401, Http.withToken(baseUrl(), "forged-token").get("/api/v1/example/visits").status);
        Http.Response badLogin = anonymous.post("/api/v1/auth/login",
                Http.json().createObjectNode().put("username", "admin").put("password", "not-the-password"));
        assertEquals(badLogin.toString(), 401, badLogin.status);
    }

    @Test
    public void aReceptionistChecksInAVisitorAndTheWardBoardHearsOfItAfterCommit() throws Exception {
        Http admin = loginAsAdmin();
        Http reception = staff(admin, "rita.desk", "RECEPTIONIST");
        Http nurse = staff(admin, "nadia.ward", "NURSE");
        WardBoard.awaitListening(reception, nurse, EVENT_BOUND); // a new subscriber hears only later events

        Http.Response created = reception.post("/api/v1/example/visits", visitor("D-100", "Maria Lopez", "P-100", "CARDIO"));
        assertEquals(created.toString(), 201, created.status);
        String id = created.json().path("id").asText();
        assertEquals("rita.desk", created.json().path("recordedBy").asText());

        Await.until("the ward board hears of D-100", EVENT_BOUND, () -> assertEquals(1, WardBoard.entries(nurse, "D-100")));
        Http.Response read = nurse.get("/api/v1/example/visits/" + id);
        assertEquals(read.toString(), 200, read.status);
        assertEquals("P-100", read.json().path("patientId").asText());
        assertEquals(404, nurse.get("/api/v1/example/visits/no-such-visit").status);
    }

    @Test
    public void aRolledBackCheckInNeverReachesTheBoard() throws Exception {
        Http admin = loginAsAdmin();
        Http reception = staff(admin, "rob.desk", "RECEPTIONIST");
        WardBoard.awaitListening(reception, admin, EVENT_BOUND); // a new subscriber hears only later events
        assertEquals(201, reception.post("/api/v1/example/visits", visitor("R-1", "First Visitor", "P-200", "ICU")).status);
        // Same badge: the insert fails at commit, and the event written in that transaction goes with it.
        Http.Response duplicate = reception.post("/api/v1/example/visits", visitor("R-1", "Second Visitor", "P-201", "ICU"));
        assertEquals(duplicate.toString(), 409, duplicate.status);
        assertEquals("urn:pavilion:problem:conflict", duplicate.json().path("type").asText());
        // A later check-in reaching the board proves the relay has passed the rolled-back one by.
        assertEquals(201, reception.post("/api/v1/example/visits", visitor("R-2", "Third Visitor", "P-202", "ICU")).status);
        Await.until("the ward board hears of R-2", EVENT_BOUND, () -> assertEquals(1, WardBoard.entries(admin, "R-2")));
        assertEquals("exactly one board entry for badge R-1", 1, WardBoard.entries(admin, "R-1"));
        Http.Response visits = admin.get("/api/v1/example/visits?patientId=P-201");
        assertEquals(0, visits.json().path("total").asLong());
    }

    @Test
    public void badInputIsAnsweredWithAClearProblemAndNothingIsStored() throws Exception {
        Http admin = loginAsAdmin();
        Http reception = staff(admin, "bea.desk", "RECEPTIONIST");
        Http.Response bad = reception.post("/api/v1/example/visits", visitor("lower case!", "", "P-300", "ER"));
        assertEquals(bad.toString(), 400, bad.status);
        assertTrue(bad.contentType.startsWith("application/problem+json"));
        assertEquals("urn:pavilion:problem:validation", bad.json().path("type").asText());
        assertTrue(bad.toString(), bad.json().path("detail").asText().contains("badge"));
        assertTrue(bad.toString(), bad.json().path("detail").asText().contains("visitorName"));
        assertFalse(bad.body, bad.body.contains("Exception"));
        // Declared on CheckIn, checked by the platform's DeclaredConstraints: both broken fields, ordered by field.
        JsonNode violations = bad.json().path("violations");
        assertEquals(bad.toString(), 2, violations.size());
        assertEquals("badge", violations.path(0).path("field").asText());
        assertEquals("must be 1 to 32 of A-Z, 0-9 or '-'", violations.path(0).path("message").asText());
        assertEquals("visitorName", violations.path(1).path("field").asText());
        assertEquals("must not be blank", violations.path(1).path("message").asText());

        Http.Response unknownField = reception.post("/api/v1/example/visits",
                visitor("B-1", "Name", "P-300", "ER").put("colour", "blue"));
        assertEquals(unknownField.toString(), 400, unknownField.status);
        assertEquals(0, admin.get("/api/v1/example/visits?patientId=P-300").json().path("total").asLong());
        assertEquals(400, admin.get("/api/v1/example/visits?size=100000").status);
    }

    @Test
    public void theWrongRoleIsForbiddenAndTheRefusalIsAudited() throws Exception {
        Http admin = loginAsAdmin();
        Http billing = staff(admin, "bill.accounts", "BILLING");
        Http.Response denied = billing.post("/api/v1/example/visits", visitor("F-1", "Somebody", "P-400", "ER"));
        assertEquals(denied.toString(), 403, denied.status);
        assertEquals("urn:pavilion:problem:forbidden", denied.json().path("type").asText());
        assertEquals(403, billing.get("/api/v1/platform/users").status);
        assertEquals(403, billing.get("/api/v1/platform/audit").status);

        Http.Response trail = admin.get("/api/v1/platform/audit?actor=bill.accounts&outcome=DENIED");
        assertEquals(trail.toString(), 200, trail.status);
        assertTrue(trail.toString(), trail.json().path("total").asLong() >= 3);
        JsonNode first = trail.json().path("items").get(0);
        assertEquals("BILLING", first.path("actorRoles").asText());
        assertFalse(first.path("clientAddress").asText().isEmpty());
    }

    @Test
    public void everyAccessLeavesAnAuditRecordAndTheChainVerifies() throws Exception {
        Http admin = loginAsAdmin();
        Http reception = staff(admin, "ada.desk", "RECEPTIONIST");
        Http.Response created = reception.post("/api/v1/example/visits", visitor("A-1", "Audit Visitor", "P-500", "ONC"));
        reception.get("/api/v1/example/visits/" + created.json().path("id").asText());

        Http.Response trail = admin.get("/api/v1/platform/audit?patientId=P-500");
        List<String> actions = new ArrayList<>();
        for (JsonNode r : trail.json().path("items")) {
            assertEquals("ada.desk", r.path("actor").asText());
            actions.add(r.path("action").asText() + " " + r.path("resourceType").asText());
        }
        assertTrue(actions.toString(), actions.contains("CREATE visit"));
        assertTrue(actions.toString(), actions.contains("READ visit"));

        JsonNode verify = admin.get("/api/v1/platform/audit/verify").json();
        assertTrue(verify.toString(), verify.path("intact").asBoolean());
        assertTrue(verify.toString(), verify.path("recordsChecked").asLong() > 3);
        assertEquals(400, admin.get("/api/v1/platform/audit?from=yesterday").status);
    }

    @Test
    public void twoClerksGivingOutTheSameBadgeAtOnceCannotBothSucceed() throws Exception {
        Http admin = loginAsAdmin();
        Http first = staff(admin, "cleo.desk", "RECEPTIONIST");
        Http second = staff(admin, "carl.desk", "RECEPTIONIST");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Http clerk : List.of(first, second)) {
                Callable<Integer> call = () -> {
                    go.await();
                    return clerk.post("/api/v1/example/visits", visitor("C-1", "Concurrent", "P-600", "ER")).status;
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            statuses.sort(null);
            assertEquals(List.of(201, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, admin.get("/api/v1/example/visits?patientId=P-600").json().path("total").asLong());
    }

    @Test
    public void aLegacyGateSystemChecksInOverSoapWithHttpBasic() throws Exception {
        Http admin = loginAsAdmin();
        ObjectNode gate = Http.json().createObjectNode().put("username", "gate-system").put("password", "gate-system-secret");
        gate.putArray("roles").add("INTEGRATION");
        assertEquals(201, admin.post("/api/v1/platform/users", gate).status);

        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:v1=\"urn:pavilion:example:v1\"><soap:Body><v1:checkIn><checkIn><badge>G-1</badge>"
                + "<visitorName>Gate Visitor</visitorName><patientId>P-700</patientId><ward>MAT</ward></checkIn>"
                + "</v1:checkIn></soap:Body></soap:Envelope>";
        HttpResponse<String> ok = soap(envelope, "gate-system:gate-system-secret");
        assertEquals(ok.body(), 200, ok.statusCode());
        assertTrue(ok.body(), ok.body().contains("<recordedBy>gate-system</recordedBy>"));

        HttpResponse<String> again = soap(envelope, "gate-system:gate-system-secret");
        assertEquals(500, again.statusCode());
        assertTrue(again.body(), again.body().contains("urn:pavilion:problem:conflict"));

        // The same rules on the SOAP face: one client fault naming both broken fields, nothing stored.
        HttpResponse<String> bad = soap(envelope.replace("<badge>G-1</badge>", "<badge>g 1</badge>")
                .replace("<ward>MAT</ward>", "<ward></ward>"), "gate-system:gate-system-secret");
        assertEquals(bad.body(), 500, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("urn:pavilion:problem:validation"));
        assertTrue(bad.body(), bad.body().contains("badge must be 1 to 32") && bad.body().contains("ward must not be blank"));

        HttpResponse<String> anonymous = soap(envelope, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body(), anonymous.body().contains("soap:Fault"));

        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/soap/example/VisitorLog?wsdl")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("gate-system:gate-system-secret".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("VisitorLog"));
    }

    private static HttpResponse<String> soap(String envelope, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/soap/example/VisitorLog"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
