package org.pavilion.core.internal.module;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Test;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;

public class HealthServiceTest {

    private static ModuleView module(String name, String state) {
        ModuleView m = new ModuleView();
        m.name = name;
        m.state = state;
        return m;
    }

    private static HealthContributor contributor(String name, boolean essential, HealthCheck result) {
        return new HealthContributor() {
            @Override public String name() { return name; }
            @Override public HealthCheck check() { return result; }
            @Override public boolean essential() { return essential; }
        };
    }

    @Test
    public void aReachableDatabaseAndRunningModulesAreUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:health-up");
        HealthService health = new HealthService(ds, () -> List.of(module("emr", "ACTIVE")));
        HealthService.Report r = health.check();
        assertEquals("UP", r.status);
        assertTrue(r.checks.get("database").get("detail").startsWith("H2"));
        assertEquals("ACTIVE", r.modules.get("emr"));
    }

    @Test
    public void withoutTheModuleRegistryHealthIsDownAndSaysSo() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:health-no-registry");
        // As in the container before the REST and SOAP publishers (and so the registry) are up.
        HealthService health = new HealthService(ds, () -> null);
        HealthService.Report r = health.check();
        assertEquals("DOWN", r.status);
        assertEquals("UP", r.checks.get("database").get("status"));
        assertEquals("DOWN", r.checks.get("modules").get("status"));
    }

    @Test
    public void anUnreachableDatabaseIsDownWithTheReason() {
        JdbcDataSource ds = new JdbcDataSource();
        // A file database below a path that cannot exist: every connection attempt fails.
        ds.setURL("jdbc:h2:file:/proc/no-such-dir/pavilion;IFEXISTS=TRUE");
        HealthService health = new HealthService(ds, List::of);
        HealthService.Report r = health.check();
        assertEquals("DOWN", r.status);
        assertEquals("DOWN", r.checks.get("database").get("status"));
    }

    @Test
    public void onlyAnEssentialContributorCanTakeThePlatformDown() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:health-contrib");
        HealthService health = new HealthService(ds, List::of);
        health.addContributor(contributor("fax-gateway", false, HealthCheck.down("no line")));
        assertEquals("UP", health.check().status);
        assertEquals("DOWN", health.check().checks.get("fax-gateway").get("status"));
        health.addContributor(contributor("camel", true, HealthCheck.down("Stopped")));
        assertEquals("DOWN", health.check().status);
    }

    /** A database that accepts the borrow and then never answers, counting the borrows. */
    private static DataSource hanging(CountDownLatch release, AtomicInteger borrows) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(HealthServiceTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        borrows.incrementAndGet();
                        release.await();
                        throw new java.sql.SQLException("gone", "08006");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void aHangingDatabaseIsDownWithinTwoSecondsAndConcurrentCallsShareOneProbe() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger borrows = new AtomicInteger();
        HealthService health = new HealthService(hanging(release, borrows), List::of);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HealthService.Report>> reports = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                reports.add(callers.submit(health::check));
            }
            for (Future<HealthService.Report> f : reports) {
                HealthService.Report r = f.get(3, TimeUnit.SECONDS);
                assertEquals("DOWN", r.status);
                assertTrue(r.checks.get("database").get("detail").startsWith("no answer"));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("answered in " + millis + " ms", millis < 2000);
            HealthService.Report again = health.check();
            assertEquals("DOWN", again.status);
            assertEquals("one probe for every call while it hangs", 1, borrows.get());
        } finally {
            release.countDown();
            callers.shutdownNow();
            health.deactivate();
        }
    }

    @Test
    public void aHangingContributorIsDownWithoutHoldingTheAnswer() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:health-hang");
        HealthService health = new HealthService(ds, List::of);
        CountDownLatch release = new CountDownLatch(1);
        health.addContributor(new HealthContributor() {
            @Override public String name() { return "mllp"; }
            @Override public HealthCheck check() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HealthCheck.up("late");
            }
            @Override public boolean essential() { return true; }
        });
        try {
            long start = System.nanoTime();
            HealthService.Report r = health.check();
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
            assertEquals("DOWN", r.status);
            assertEquals("UP", r.checks.get("database").get("status"));
            assertEquals("DOWN", r.checks.get("mllp").get("status"));
        } finally {
            release.countDown();
            health.deactivate();
        }
    }

    @Test
    public void aStartedModuleNotYetServingItsEndpointsKeepsHealthDown() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:health-ready");
        ModuleView emr = module("emr", "ACTIVE");
        emr.ready = false;
        ModuleView stopped = module("lab", "RESOLVED"); // not started: not expected to serve
        HealthService health = new HealthService(ds, () -> List.of(emr, stopped));
        HealthService.Report r = health.check();
        assertEquals("DOWN", r.status);
        assertEquals("starting", r.readiness.get("emr"));
        emr.ready = true;
        r = health.check();
        assertEquals("UP", r.status);
        assertEquals("ready", r.readiness.get("emr"));
        assertTrue(!r.readiness.containsKey("lab"));
        health.deactivate();
    }
}
