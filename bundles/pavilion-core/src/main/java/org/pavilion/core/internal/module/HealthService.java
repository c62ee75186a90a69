package org.pavilion.core.internal.module;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;

/** Database, contributed checks (Camel, feeds) and module states, for /api/v1/platform/health. */
@Component(service = HealthService.class)
public class HealthService {

    private final DataSource dataSource;
    private final Supplier<List<ModuleView>> modules;
    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();

    @Activate
    public HealthService(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            @Reference ModuleRegistry modules) {
        this(dataSource, modules::modules);
    }

    HealthService(DataSource dataSource, Supplier<List<ModuleView>> modules) {
        this.dataSource = dataSource;
        this.modules = modules;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(HealthContributor c) {
        contributors.add(c);
    }

    void removeContributor(HealthContributor c) {
        contributors.remove(c);
    }

    public Report check() {
        Report report = new Report();
        HealthCheck db = database();
        report.checks.put("database", view(db));
        boolean up = db.getStatus() == HealthCheck.Status.UP;
        for (HealthContributor c : contributors) {
            HealthCheck h;
            try {
                h = c.check();
            } catch (RuntimeException e) {
                h = HealthCheck.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            report.checks.put(c.name(), view(h));
            if (c.essential() && h.getStatus() == HealthCheck.Status.DOWN) {
                up = false;
            }
        }
        for (ModuleView m : modules.get()) {
            report.modules.put(m.name, m.state);
        }
        report.status = up ? "UP" : "DOWN";
        return report;
    }

    private HealthCheck database() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                return HealthCheck.up(c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
            }
            return HealthCheck.down("connection is not valid");
        } catch (Exception e) {
            return HealthCheck.down(e.getMessage());
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

    /** Health as JSON: overall status, each check, each module's bundle state. */
    public static final class Report {
        public String status;
        public Map<String, Map<String, String>> checks = new LinkedHashMap<>();
        public Map<String, String> modules = new LinkedHashMap<>();
    }
}
