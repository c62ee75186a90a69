package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Assume;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.pavilion.core.api.persistence.GroupCommitter;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * Health, timeouts and back-pressure: a database too slow to answer gives 503 problem+json with Retry-After and a
 * health DOWN within 2 s instead of hung requests; a full group-commit queue refuses at once with 503; health is UP
 * only once the modules serve their endpoints.
 */
public class ResilienceSecurityIT extends PavilionTestSupport {

    @Test
    public void healthIsUpOnlyOnceEveryStartedModuleServesItsEndpoints() throws Exception {
        Assume.assumeTrue("h2".equals(database())); // boot order does not depend on the database
        Http anonymous = Http.anonymous(baseUrl());
        // Polled from as early as the test runs: whenever health first says UP, the EMR's endpoint is published.
        Http.Response up = Await.value("health says UP", BOOT_BOUND, () -> {
            Http.Response health = anonymous.get("/api/v1/platform/health");
            if (health.status != 200) {
                return null;
            }
            int patients = anonymous.get("/api/v1/emr/patients").status;
            assertNotEquals("health said UP while /api/v1/emr/patients answered 404", 404, patients);
            assertEquals(401, patients);
            return health;
        });
        JsonNode readiness = up.json().path("readiness");
        assertEquals(up.toString(), "ready", readiness.path("emr").asText());
        readiness.fields().forEachRemaining(e -> assertEquals(up.toString(), "ready", e.getValue().asText()));
        for (String path : DEPARTMENT_ENDPOINTS) {
            assertEquals(path, 401, anonymous.get(path).status);
        }
    }

    /** A resource whose writes go through a group commit with room for one waiting work. */
    @Path("/")
    public static class Writes {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch committing = new CountDownLatch(1);
        final GroupCommitter<String, String> committer = new GroupCommitter<>("itest-commit", 1, 1, works -> {
            committing.countDown();
            release.await(); // the database hangs
            return works;
        });

        @GET
        @Produces("application/json")
        @PublicEndpoint
        public Map<String, String> write() throws Exception {
            return Map.of("committed", committer.submit("work"));
        }

        @GET
        @Path("ping")
        @Produces("application/json")
        @PublicEndpoint
        public Map<String, String> ping() {
            return Map.of("ping", "pong");
        }
    }

    @Test
    public void aFullGroupCommitQueueAnswers503WithRetryAfterAtOnce() throws Exception {
        Assume.assumeTrue("h2".equals(database())); // the queue is in memory
        awaitHealthy();
        Writes writes = new Writes();
        ServiceRegistration<?> reg = register(writes, "/itest-writes");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Http anonymous = Http.anonymous(baseUrl());
            Await.until("the resource is published", Duration.ofSeconds(30),
                    () -> assertEquals(200, anonymous.get("/api/v1/itest-writes/ping").status));
            Future<Http.Response> first = callers.submit(() -> anonymous.get("/api/v1/itest-writes"));
            assertTrue(writes.committing.await(20, TimeUnit.SECONDS));
            Future<Http.Response> second = callers.submit(() -> anonymous.get("/api/v1/itest-writes"));
            Await.until("the second write waits in the queue", Duration.ofSeconds(20),
                    () -> assertEquals(1, writes.committer.queued()));

            long start = System.nanoTime();
            Http.Response refused = anonymous.get("/api/v1/itest-writes");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            problem(503, refused);
            assertTrue(refused.toString(), refused.json().path("type").asText().endsWith("service-unavailable"));
            assertNotNull("Retry-After: " + refused, refused.retryAfter);
            assertTrue("refused at once, not queued: " + millis + " ms", millis < 2000);

            writes.release.countDown();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).status);
            assertEquals(200, second.get(20, TimeUnit.SECONDS).status);
            assertEquals(200, anonymous.get("/api/v1/itest-writes").status);
        } finally {
            writes.release.countDown();
            reg.unregister();
            writes.committer.close();
            callers.shutdownNow();
        }
    }

    /**
     * The audit trail (core_audit) is locked: every audited request writes it and the health probe reads it, so
     * it is the table whose lock stops the platform. PostgreSQL only: H2's MVCC readers never wait for a lock.
     */
    @Test
    public void aLockedAuditTrailMakesHealthDownWithinTwoSecondsAndRequestsAnswer503NotHang() throws Exception {
        Assume.assumeTrue("postgresql".equals(database()));
        Http admin = loginAsAdmin();
        String mrn = registerPatient(admin, "Lock", "Tester", "FEMALE", "1970-01-01");
        DataSource ds = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        Http anonymous = Http.anonymous(baseUrl());
        assertEquals(200, anonymous.get("/api/v1/platform/health").status);
        try (Connection locker = ds.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE core_audit IN ACCESS EXCLUSIVE MODE");
            }
            try {
                long start = System.nanoTime();
                Http.Response health = anonymous.get("/api/v1/platform/health");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(health.toString(), 503, health.status);
                assertEquals(health.toString(), "DOWN", health.json().path("checks").path("database").path("status").asText());
                assertTrue("health answered in " + millis + " ms", millis < 2000);

                // Parallel audited reads: each waits at most the lock timeout (5 s), then 503 with Retry-After.
                ExecutorService callers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Http.Response>> reads = new ArrayList<>();
                    start = System.nanoTime();
                    for (int i = 0; i < 4; i++) {
                        reads.add(callers.submit(() -> admin.get("/api/v1/emr/patients/" + mrn)));
                    }
                    for (Future<Http.Response> f : reads) {
                        Http.Response r = f.get(25, TimeUnit.SECONDS);
                        problem(503, r);
                        assertNotNull("Retry-After: " + r, r.retryAfter);
                    }
                    millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue("requests answered in " + millis + " ms", millis < 20_000);
                } finally {
                    callers.shutdownNow();
                }
            } finally {
                locker.rollback();
            }
        }
        Await.until("health is UP again without a restart", Duration.ofSeconds(20),
                () -> assertEquals(200, anonymous.get("/api/v1/platform/health").status));
        assertEquals(200, admin.get("/api/v1/emr/patients/" + mrn).status);
    }

    private ServiceRegistration<?> register(Object resource, String base) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoints.REST_BASE, base);
        return bundleContext.registerService(Object.class, resource, props);
    }
}
