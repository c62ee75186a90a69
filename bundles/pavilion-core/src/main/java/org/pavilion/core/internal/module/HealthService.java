package org.pavilion.core.internal.module;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;

/**
 * Database, contributed checks (Camel, feeds) and module readiness, for /api/v1/platform/health.
 *
 * <p>Health must answer even when what it checks hangs: every check runs on this component's own threads and the
 * answer waits at most {@link #BUDGET_MILLIS}; a check without an answer by then is DOWN. A check still running
 * from an earlier call is shared, never started again, so a hung database holds at most one thread per check and
 * concurrent health calls never queue behind each other.
 */
@Component(service = HealthService.class)
public class HealthService {

    /** How long a health call waits for its checks; a load balancer's 2 s probe still gets its answer. */
    static final long BUDGET_MILLIS = 1500;
    /** The database probe's own statement timeout, in seconds (JDBC's unit). */
    private static final int PROBE_TIMEOUT_SECONDS = 1;
    /**
     * Reads the audit trail, which every audited request writes: a lock or a stall there stops the platform's
     * requests, so health must see it too (a bare {@code SELECT 1} would pass).
     */
    static final String AUDIT_PROBE = "SELECT 1 FROM core_audit WHERE 1 = 0";

    private final DataSource dataSource;
    private final String probeSql;
    private final Supplier<List<ModuleView>> modules;
    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();
    private final ExecutorService checks;
    /** The run of each check (by name) still under way, shared by the calls that arrive meanwhile. */
    private final Map<String, CompletableFuture<HealthCheck>> running = new ConcurrentHashMap<>();

    /**
     * The registry needs the REST and SOAP publishers, which need the platform's schema: with the database down at
     * boot it is not there, and health still answers (DOWN) without it.
     */
    private volatile ModuleRegistry registry;

    @Activate
    public HealthService(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource) {
        this(dataSource, AUDIT_PROBE, null);
    }

    /** For tests on an empty database: the probe is a bare {@code SELECT 1}. */
    HealthService(DataSource dataSource, Supplier<List<ModuleView>> modules) {
        this(dataSource, "SELECT 1", modules);
    }

    HealthService(DataSource dataSource, String probeSql, Supplier<List<ModuleView>> modules) {
        this.dataSource = dataSource;
        this.probeSql = probeSql;
        this.modules = modules != null ? modules : this::registeredModules;
        AtomicInteger n = new AtomicInteger();
        this.checks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pavilion-health-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        checks.shutdownNow(); // a hung probe's thread is interrupted; JDBC drivers may ignore it, it is a daemon
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(HealthContributor c) {
        contributors.add(c);
    }

    void removeContributor(HealthContributor c) {
        contributors.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRegistry(ModuleRegistry r) {
        registry = r;
    }

    void unbindRegistry(ModuleRegistry r) {
        if (registry == r) {
            registry = null;
        }
    }

    /** The registry's modules; null while there is no registry. */
    private List<ModuleView> registeredModules() {
        ModuleRegistry r = registry;
        return r == null ? null : r.modules();
    }

    public Report check() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
        // Start everything first, then wait: the checks run side by side within one budget.
        CompletableFuture<HealthCheck> db = start("database", this::database);
        Map<HealthContributor, CompletableFuture<HealthCheck>> contributed = new LinkedHashMap<>();
        for (HealthContributor c : contributors) {
            contributed.put(c, start("contributor:" + c.name(), () -> contributor(c)));
        }
        Report report = new Report();
        HealthCheck dbCheck = await(db, deadline);
        report.checks.put("database", view(dbCheck));
        boolean up = dbCheck.getStatus() == HealthCheck.Status.UP;
        for (Map.Entry<HealthContributor, CompletableFuture<HealthCheck>> e : contributed.entrySet()) {
            HealthCheck h = await(e.getValue(), deadline);
            report.checks.put(e.getKey().name(), view(h));
            if (e.getKey().essential() && h.getStatus() == HealthCheck.Status.DOWN) {
                up = false;
            }
        }
        List<ModuleView> known = modules.get();
        if (known == null) {
            report.checks.put("modules", view(HealthCheck.down("the module registry is not started")));
            up = false;
            known = List.of();
        }
        for (ModuleView m : known) {
            report.modules.put(m.name, m.state);
            if (m.ready != null) {
                report.readiness.put(m.name, m.ready ? "ready" : "starting");
                up &= m.ready;
            }
        }
        report.status = up ? "UP" : "DOWN";
        return report;
    }

    /** The running check of this name, or a new run of it. */
    private CompletableFuture<HealthCheck> start(String name, Supplier<HealthCheck> check) {
        return running.compute(name, (k, previous) -> {
            if (previous != null && !previous.isDone()) {
                return previous;
            }
            try {
                return CompletableFuture.supplyAsync(check, checks);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                return CompletableFuture.completedFuture(HealthCheck.down("health service stopped"));
            }
        });
    }

    private static HealthCheck await(CompletableFuture<HealthCheck> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return HealthCheck.down("no answer in " + BUDGET_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheck.down("interrupted");
        } catch (ExecutionException e) {
            return HealthCheck.down(e.getCause().getClass().getSimpleName());
        }
    }

    private static HealthCheck contributor(HealthContributor c) {
        try {
            return c.check();
        } catch (RuntimeException e) {
            return HealthCheck.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HealthCheck database() {
        // The borrow itself is bounded by the pool's maxWaitMillis and, for this answer, by the budget.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery(probeSql)) {
                rs.next();
            }
            return HealthCheck.up(c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion());
        } catch (Exception e) {
            // The SQLState tells an operator what failed; the message may quote statements.
            String state = e instanceof java.sql.SQLException ? " (SQLState " + ((java.sql.SQLException) e).getSQLState() + ")" : "";
            return HealthCheck.down(e.getClass().getSimpleName() + state);
        }
    }

    private static Map<String, String> view(HealthCheck h) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", h.getStatus().name());
        if (h.getDetail() != null) {
            m.put("detail", h.getDetail());
        }
        return m;
    }

    /** Health as JSON: overall status, each check, each module's bundle state and readiness. */
    public static final class Report {
        public String status;
        public Map<String, Map<String, String>> checks = new LinkedHashMap<>();
        public Map<String, String> modules = new LinkedHashMap<>();
        /** {@code ready} once a started module's endpoints are published, {@code starting} before. */
        public Map<String, String> readiness = new LinkedHashMap<>();
    }
}
