package org.pavilion.itest.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.WardBoard;

/**
 * The whole distribution, started as a hospital starts it, restarted, and still holding its data: users,
 * sessions, a visit, the ward board fed by events, an intact audit chain. Runs on the database chosen by
 * {@code pavilion.itest.db}.
 */
public class DistributionRestartIT {

    private static final Duration BOOT = PavilionTestSupport.BOOT_BOUND;

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

            WardBoard.awaitListening(rosa, admin, BOOT);
            ObjectNode checkIn = Http.json().createObjectNode().put("badge", "V-0001").put("visitorName", "Maria Lopez")
                    .put("patientId", "P-000042").put("ward", "CARDIO-3");
            // Health answers once the core is up; the departments finish starting a moment later.
            Http.Response created = Await.value("the example department accepts a check-in", BOOT, () -> {
                Http.Response r = rosa.post("/api/v1/example/visits", checkIn);
                return r.status == 404 ? null : r;
            });
            assertEquals(created.toString(), 201, created.status);
            String visitId = created.json().get("id").asText();
            WardBoard.awaitEntry(admin, "V-0001");
            long auditBefore = admin.get("/api/v1/platform/audit/verify").json().get("recordsChecked").asLong();

            pavilion.stop();
            pavilion.start();
            pavilion.awaitHealthy(BOOT);

            // The replaced initial password's file stays gone, no second administrator, and the old token still works.
            assertFalse(java.nio.file.Files.exists(pavilion.initialAdminPasswordFile()));
            // As at the first start: health may say UP a moment before the login resource is published again.
            Http again = Await.value("admin signs in again", BOOT, () -> Http.login(pavilion.baseUrl(), "admin",
                    password));
            assertEquals(200, again.get("/api/v1/auth/session").status);
            Http.Response visit = Await.value("the visit is served again", BOOT, () -> {
                Http.Response r = rosa.get("/api/v1/example/visits/" + visitId);
                return r.status == 404 ? null : r;
            });
            assertEquals(visit.toString(), 200, visit.status);
            assertEquals("Maria Lopez", visit.json().get("visitorName").asText());
            WardBoard.awaitEntry(admin, "V-0001");

            JsonNode verify = admin.get("/api/v1/platform/audit/verify").json();
            assertTrue(verify.toString(), verify.get("intact").asBoolean());
            assertTrue(verify.toString(), verify.get("recordsChecked").asLong() > auditBefore);
            assertEquals(1, admin.get("/api/v1/platform/users?size=50").json().get("items").findValuesAsText("username")
                    .stream().filter("admin"::equals).count());
        }
    }
}
