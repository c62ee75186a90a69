package org.pavilion.itest.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;
import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * The whole distribution on PostgreSQL behind a TCP proxy the test controls (never the machine's PostgreSQL
 * itself): the database away when the platform starts, then cut off, then silently hanging, then back. Requests answer 503 problem+json with
 * Retry-After within the configured timeouts instead of 500 or hanging, health is DOWN within 2 s, and
 * everything recovers without a restart.
 */
public class DatabaseOutageIT {

    private static final Duration BOOT = PavilionTestSupport.BOOT_BOUND;
    /** The shipped socketTimeout is 45 s; the test shortens it so a blackholed request's bound stays quick. */
    private static final int SOCKET_TIMEOUT_SECONDS = 10;

    @Test
    public void aCutThenHangingDatabaseAnswers503AndHealthDownQuicklyAndRecoversWithoutRestart() throws Exception {
        Assume.assumeTrue("postgresql".equals(PavilionTestSupport.database()));
        URI pg = URI.create(System.getProperty(PavilionTestSupport.PG_URL_PROPERTY, PavilionTestSupport.DEFAULT_PG_URL)
                .substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort());
                DistributionProcess pavilion = DistributionProcess.unpack("outage")) {
            String database = "pavilion_proc_outage_" + ProcessHandle.current().pid(); // as unpack names it
            pavilion.writeEtc("org.ops4j.datasource-pavilion.cfg", "url", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                    + "/" + database + "?connectTimeout=5&socketTimeout=" + SOCKET_TIMEOUT_SECONDS
                    + "&options=-c%20statement_timeout%3D30s%20-c%20lock_timeout%3D5s");
            // unpack() rewrote the cfg for PostgreSQL: the shipped pool timeouts again.
            pavilion.writeEtc("org.ops4j.datasource-pavilion.cfg", "pool.maxWaitMillis", "5000");
            pavilion.writeEtc("org.ops4j.datasource-pavilion.cfg", "pool.testOnBorrow", "true");
            pavilion.writeEtc("org.ops4j.datasource-pavilion.cfg", "factory.validationQueryTimeout", "2");
            pavilion.writeEtc("org.ops4j.datasource-pavilion.cfg", "factory.defaultQueryTimeout", "30");
            // 0. A power cut: the hospital's server comes back before its database does. The platform starts
            // without it, says so, and comes up by itself once the database answers: no restart.
            proxy.mode(TcpProxy.Mode.CUT);
            pavilion.start();
            Http anonymous = Http.anonymous(pavilion.baseUrl());
            // The platform's schema cannot be migrated: nothing that needs it starts, the REST layer included (its
            // sign-in needs the accounts). Health still answers, DOWN, naming the database and the API not
            // published; it never says UP. Long enough for the migrator to have failed and backed off several times.
            Await.until("health answers DOWN without the REST layer", BOOT, () -> assertDownBeforeRest(
                    anonymous.get("/api/v1/platform/health")));
            for (int i = 0; i < 20; i++) {
                TimeUnit.SECONDS.sleep(1);
                assertDownBeforeRest(anonymous.get("/api/v1/platform/health"));
            }
            proxy.mode(TcpProxy.Mode.FORWARD);
            pavilion.awaitHealthy(BOOT);
            String password = pavilion.adminPassword();
            Http admin = Await.value("admin signs in", BOOT, () -> Http.login(pavilion.baseUrl(), "admin", password));
            String search = "/api/v1/emr/patients?name=Nobody";
            Await.until("the EMR answers", BOOT, () -> assertEquals(200, admin.get(search).status));

            // 1. Cut: connections closed, new ones refused.
            proxy.mode(TcpProxy.Mode.CUT);
            assertHealthDownWithin(anonymous, 2000);
            assertUnavailableWithin(admin, search, 10_000);

            // 2. Blackhole: connections accepted, nothing ever answers.
            proxy.mode(TcpProxy.Mode.BLACKHOLE);
            assertHealthDownWithin(anonymous, 2000);
            assertHealthDownWithin(anonymous, 2000); // a second call does not queue behind the hung probe
            assertUnavailableWithin(admin, search, (SOCKET_TIMEOUT_SECONDS + 10) * 1000L);

            // 3. Back: no restart needed.
            proxy.mode(TcpProxy.Mode.FORWARD);
            Await.until("health is UP again", Duration.ofSeconds(90),
                    () -> assertEquals(200, anonymous.get("/api/v1/platform/health").status));
            Await.until("the EMR answers again", Duration.ofSeconds(60),
                    () -> assertEquals(200, admin.get(search).status));
        }
    }

    private static void assertDownBeforeRest(Http.Response health) throws Exception {
        assertEquals("health is DOWN without the database: " + health, 503, health.status);
        assertEquals(health.toString(), "DOWN", health.json().path("status").asText());
        assertEquals(health.toString(), "DOWN", health.json().path("checks").path("database").path("status")
                .asText());
        assertEquals(health.toString(), "DOWN", health.json().path("checks").path("rest").path("status").asText());
    }

    private static void assertHealthDownWithin(Http anonymous, long millis) throws Exception {
        long start = System.nanoTime();
        Http.Response health = anonymous.get("/api/v1/platform/health");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(health.toString(), 503, health.status);
        assertEquals(health.toString(), "DOWN", health.json().path("checks").path("database").path("status").asText());
        assertTrue("health answered in " + took + " ms", took < millis);
    }

    private static void assertUnavailableWithin(Http caller, String path, long millis) throws Exception {
        long start = System.nanoTime();
        Http.Response r = caller.get(path);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(r.toString(), 503, r.status);
        assertTrue(r.toString(), r.contentType.startsWith("application/problem+json"));
        assertTrue(r.toString(), r.json().path("type").asText().endsWith("service-unavailable"));
        assertNotNull("Retry-After: " + r, r.retryAfter);
        assertTrue(path + " answered in " + took + " ms", took < millis);
    }
}
