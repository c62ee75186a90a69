package org.pavilion.itest.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.itest.Await;
import org.pavilion.itest.Http;

/**
 * The whole distribution, started as a hospital starts it, restarted, and still holding its data: users,
 * sessions, a visit, the ward board fed by events, an intact audit chain. Runs on the database chosen by
 * {@code pavilion.itest.db}.
 */
public class DistributionRestartIT {

    private static final Duration BOOT = Duration.ofMinutes(4);

    @Test
    public void aVisitUsersSessionsAndTheAuditTrailSurviveARestart() throws Exception {
        try (DistributionProcess pavilion = DistributionProcess.unpack("restart")) {
            pavilion.start();
            pavilion.awaitHealthy(BOOT);
            String password = pavilion.adminPassword();
            // The login resource may be published a moment after the health resource answers UP.
            Http admin = Await.value("admin signs in", BOOT, () -> Http.login(pavilion.baseUrl(), "admin", password));

            ObjectNode clerk = Http.json().createObjectNode().put("username", "rosa.frontdesk")
                    .put("password", "front-desk-morning-shift");
            clerk.putArray("roles").add("RECEPTIONIST");
            assertEquals(201, admin.post("/api/v1/platform/users", clerk).status);
            Http rosa = Http.login(pavilion.baseUrl(), "rosa.frontdesk", "front-desk-morning-shift");

            awaitBoardListening(rosa, admin);
            ObjectNode checkIn = Http.json().createObjectNode().put("badge", "V-0001").put("visitorName", "Maria Lopez")
                    .put("patientId", "P-000042").put("ward", "CARDIO-3");
            // Health answers once the core is up; the departments finish starting a moment later.
            Http.Response created = Await.value("the example department accepts a check-in", BOOT, () -> {
                Http.Response r = rosa.post("/api/v1/example/visits", checkIn);
                return r.status == 404 ? null : r;
            });
            assertEquals(created.toString(), 201, created.status);
            String visitId = created.json().get("id").asText();
            awaitBoardEntry(admin, "V-0001");
            long auditBefore = admin.get("/api/v1/platform/audit/verify").json().get("recordsChecked").asLong();

            pavilion.stop();
            pavilion.start();
            pavilion.awaitHealthy(BOOT);

            // Same password file, no second administrator, and the old token still works.
            assertEquals(password, pavilion.adminPassword());
            Http.Response visit = Await.value("the visit is served again", BOOT, () -> {
                Http.Response r = rosa.get("/api/v1/example/visits/" + visitId);
                return r.status == 404 ? null : r;
            });
            assertEquals(visit.toString(), 200, visit.status);
            assertEquals("Maria Lopez", visit.json().get("visitorName").asText());
            awaitBoardEntry(admin, "V-0001");

            JsonNode verify = admin.get("/api/v1/platform/audit/verify").json();
            assertTrue(verify.toString(), verify.get("intact").asBoolean());
            assertTrue(verify.toString(), verify.get("recordsChecked").asLong() > auditBefore);
            assertEquals(1, admin.get("/api/v1/platform/users?size=50").json().get("items").findValuesAsText("username")
                    .stream().filter("admin"::equals).count());
        }
    }

    /**
     * A subscriber gets only the events published after it was first seen (events README), and on a first start
     * the ward board's route may start after the visitor log already takes check-ins: probe check-ins until the
     * board shows one, so the visit under test is published to a listening board.
     */
    private static void awaitBoardListening(Http clerk, Http admin) throws Exception {
        int[] probe = {0};
        Await.until("the ward board listens", BOOT, () -> {
            String badge = "PROBE-" + (++probe[0]);
            Http.Response r = clerk.post("/api/v1/example/visits", Http.json().createObjectNode().put("badge", badge)
                    .put("visitorName", "Probe Visitor").put("patientId", "P-000001").put("ward", "LOBBY"));
            assertEquals(r.toString(), 201, r.status);
            Await.until("probe " + badge + " on the board", Duration.ofSeconds(10),
                    () -> assertEquals(1, boardEntries(admin, badge)));
        });
    }

    private static void awaitBoardEntry(Http caller, String badge) throws Exception {
        // Beyond the relay's first back-off steps (1+2+4+8+16 s): delivery is at least once, not at once.
        Await.until("the ward board hears of badge " + badge, Duration.ofSeconds(75),
                () -> assertEquals(1, boardEntries(caller, badge)));
    }

    private static long boardEntries(Http caller, String badge) throws Exception {
        Http.Response r = caller.get("/api/v1/example/ward-board");
        assertEquals(r.toString(), 200, r.status);
        long n = 0;
        for (JsonNode e : r.json()) {
            if (badge.equals(e.get("badge").asText())) {
                n++;
            }
        }
        return n;
    }
}
