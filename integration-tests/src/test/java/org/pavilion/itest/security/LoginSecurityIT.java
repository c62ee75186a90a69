package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * Login abuse (docs/security-login.md): the per-address throttle answers 429 before any password hash runs, a lock
 * after failed logins holds for one (account, address) pair only, administrators unlock, idle sessions end.
 * The second client address is 127.0.0.2 (the HTTP connector listens on every address, loopback included).
 */
public class LoginSecurityIT extends PavilionTestSupport {

    private static final String AUTH_CFG = "etc/org.pavilion.core.auth.cfg";
    private static final String OTHER_ADDRESS = "127.0.0.2";
    /** The flood test's own other address: the lock-out test may have spent 127.0.0.2's tokens just before. */
    private static final String FLOOD_OTHER_ADDRESS = "127.0.0.3";

    @Override
    protected boolean shippedLoginThrottle() {
        return true;
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut(AUTH_CFG, "idleTimeoutMinutes", "1")};
    }

    @Before
    public void platformIsUp() throws Exception {
        awaitHealthy();
    }

    /**
     * Issue #20: the first sign-in of the generated administrator account must choose a new password. Whichever test of
     * this container signs admin in first makes that sign-in (PavilionTestSupport#firstAdminSignIn); this one checks
     * what it saw and what holds afterwards.
     */
    @Test
    public void theFirstAdministratorMustReplaceTheInitialPasswordBeforeAnythingElse() throws Exception {
        FirstAdminSignIn first = firstAdminSignIn();
        assertTrue(first.login().toString(), first.login().path("passwordChangeRequired").asBoolean());
        JsonNode me = ok(first.me());
        assertTrue(me.toString(), me.path("passwordChangeRequired").asBoolean());
        JsonNode refused = problem(403, first.patientsBefore());
        assertTrue(refused.toString(), refused.path("type").asText().endsWith("password-change-required"));
        assertTrue(refused.toString(), refused.path("title").asText().toLowerCase().contains("new password"));
        assertTrue("SOAP refuses too: " + first.soapBefore(), first.soapBefore().status == 403
                && first.soapBefore().body.contains("password-change-required"));
        assertEquals(first.change().toString(), 204, first.change().status);
        // The same session goes on: the EMR answers it now as it answers any administrator.
        assertTrue(first.patientsAfter().toString(), !first.patientsAfter().body.contains("password-change-required"));

        assertFalse("the initial password's file is deleted", Files.exists(initialAdminPasswordFile()));
        assertEquals(401, Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                obj().put("username", "admin").put("password", first.initialPassword())).status);
        Http.Response again = Await.value("admin signs in with the new password", Duration.ofSeconds(60), () -> {
            Http.Response r = Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                    obj().put("username", "admin").put("password", adminPassword()));
            return r.status == 429 ? null : r;
        });
        JsonNode login = ok(again);
        assertFalse(login.toString(), login.path("passwordChangeRequired").asBoolean());
        Http admin = Http.withToken(baseUrl(), login.path("token").asText());
        assertEquals(200, admin.get("/api/v1/platform/users").status);
        // The same password twice is no change.
        JsonNode same = problem(422, admin.post("/api/v1/auth/password",
                obj().put("currentPassword", adminPassword()).put("newPassword", adminPassword())));
        assertTrue(same.toString(), same.path("type").asText().endsWith("password-unchanged"));
        JsonNode audit = ok(admin.get("/api/v1/platform/audit?action=PASSWORD_CHANGED"));
        assertTrue(audit.toString(), audit.toString().contains("admin"));
    }

    @Test
    public void twoHundredParallelWrongLoginsFromOneAddressAreMostlyRefusedCheaplyAndTheAccountStillSignsInElsewhere()
            throws Exception {
        Http admin = loginAsAdmin();
        createAccount(admin, "flood.target");
        // The cost of one password check, as the unit of the CPU bound (from the other address, so this one's
        // tokens stay for the flood).
        long before = processCpuNanos();
        assertEquals(401, loginStatusFrom(FLOOD_OTHER_ADDRESS, "flood.target", "a-single-wrong-guess"));
        long oneCheck = Math.max(processCpuNanos() - before, 50_000_000L);

        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String guess = "guess-number-" + i;
            guesses.add(() -> Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                    obj().put("username", "flood.target").put("password", guess)).status);
        }
        long floodStart = processCpuNanos();
        int throttled = 0;
        int refused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (Future<Integer> f : pool.invokeAll(guesses)) {
                int status = f.get();
                throttled += status == 429 ? 1 : 0;
                refused += status == 401 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        long floodCpu = processCpuNanos() - floodStart;
        assertEquals("every guess is answered 401 or 429", 200, throttled + refused);
        assertTrue("most guesses are throttled: " + throttled, throttled >= 180);
        assertTrue("the flood cost " + floodCpu / 1_000_000 + " ms of CPU, one check " + oneCheck / 1_000_000
                + " ms", floodCpu < 40 * oneCheck);

        Http.Response r = Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                obj().put("username", "flood.target").put("password", "another-guess"));
        problem(429, r);
        assertNotNull("429 says when to retry: " + r, r.retryAfter);

        // The guesses locked (flood.target, 127.0.0.1) at most; from another address the owner signs in.
        assertEquals(200, awaitNotThrottled(FLOOD_OTHER_ADDRESS, "flood.target", "flood.target-password-1"));
    }

    @Test
    public void anAdministratorSeesTheLockedAddressAndUnlocksIt() throws Exception {
        Http admin = loginAsAdmin();
        createAccount(admin, "locked.out");
        for (int i = 0; i < 5; i++) {
            String guess = "wrong-" + i;
            assertEquals(401, Await.value("a checked wrong guess", Duration.ofSeconds(60), () -> {
                int status = loginStatusFrom(OTHER_ADDRESS, "locked.out", guess);
                return status == 429 ? null : status;
            }).intValue());
        }
        assertEquals("locked for that address even with the right password", 401,
                awaitNotThrottled(OTHER_ADDRESS, "locked.out", "locked.out-password-1"));
        JsonNode user = ok(admin.get("/api/v1/platform/users/locked.out"));
        assertTrue(user.toString(), user.path("locked").asBoolean());
        assertEquals(OTHER_ADDRESS, user.path("lockedAddresses").path(0).path("clientAddress").asText());

        JsonNode unlocked = ok(admin.post("/api/v1/platform/users/locked.out/unlock", obj()));
        assertTrue(unlocked.toString(), !unlocked.path("locked").asBoolean());
        assertEquals(200, awaitNotThrottled(OTHER_ADDRESS, "locked.out", "locked.out-password-1"));
        JsonNode audit = ok(admin.get("/api/v1/platform/audit?action=UNLOCK"));
        assertTrue(audit.toString(), audit.toString().contains("locked.out"));
    }

    @Test
    public void aSessionUnusedForLongerThanTheIdleTimeoutIsRefusedAsExpired() throws Exception {
        Assume.assumeTrue("h2".equals(database())); // the clock, not the database, decides
        Http admin = loginAsAdmin();
        createAccount(admin, "idle.user");
        String token = Await.value("idle.user signs in", Duration.ofSeconds(60), () -> {
            Http.Response r = Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                    obj().put("username", "idle.user").put("password", "idle.user-password-1"));
            return r.status == 200 ? r.json().path("token").asText() : null;
        });
        Http idle = Http.withToken(baseUrl(), token);
        ok(idle.get("/api/v1/auth/session"));
        // One wait past the configured minute without any request: polling would itself keep the session in use.
        Thread.sleep(62_000);
        Http.Response r = idle.get("/api/v1/auth/session");
        problem(401, r);
        assertTrue(r.toString(), r.body.contains("session expired"));
    }

    private static void createAccount(Http admin, String username) throws Exception {
        JsonNode node = obj().put("username", username).put("password", username + "-password-1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).putArray("roles").add("NURSE");
        created(admin.post("/api/v1/platform/users", node));
    }

    /** Logs in from {@code address} until the answer is not 429; returns that status. */
    private static int awaitNotThrottled(String address, String username, String password) throws Exception {
        return Await.value("a sign-in from " + address + " not throttled", Duration.ofSeconds(60), () -> {
            int status = loginStatusFrom(address, username, password);
            return status == 429 ? null : status;
        });
    }

    /** CPU time of this (the container's) process, through the platform MBean server. */
    private static long processCpuNanos() throws Exception {
        return ((Number) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime")).longValue();
    }

    /** A sign-in from another loopback address (throttling and locks are per address); the HTTP status. */
    private static int loginStatusFrom(String address, String username, String password) throws Exception {
        return Http.loginStatusFrom(address, Integer.parseInt(System.getProperty(HTTP_PORT_PROPERTY)), username, password);
    }
}
