package org.pavilion.core.internal.module;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

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
}
