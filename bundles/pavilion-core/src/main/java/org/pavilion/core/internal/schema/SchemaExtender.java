package org.pavilion.core.internal.schema;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the change logs a bundle names in its {@code Pavilion-Changelog} header before Declarative Services builds
 * the bundle's components.
 * <p>
 * A bundle event hook runs before any listener hears of the event, so when a bundle with the header has
 * {@code STARTED} (or {@code LAZY_ACTIVATION}) the change logs run right here, on the thread that started it, and SCR
 * hears of the start only afterwards. When there is no migrator yet (first boot: the DataSource is not up) or the
 * migration fails, SCR is not told at all: the bundle is <em>held</em>, started but without components. When a
 * migrator arrives, a worker migrates each held bundle and restarts it transiently; nothing of it ran, so that costs
 * little. Bundles already active when the extender starts (the core restarted) are migrated and left running.
 */
@Capability(namespace = SchemaMigrator.EXTENDER_NAMESPACE, name = SchemaMigrator.EXTENDER_NAME,
        version = SchemaMigrator.EXTENDER_VERSION)
public final class SchemaExtender implements EventHook, ServiceTrackerCustomizer<SchemaMigrator, SchemaMigrator> {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);

    /** The extender that must not see a held bundle start: Felix SCR builds components when it does. */
    static final String SCR_BUNDLE = "org.apache.felix.scr";
    /** In the core's data area: the ids of the bundles held when the extender stopped. */
    static final String HELD_FILE = "schema-held-bundles";

    /** A failed migration of a held bundle is tried again after this long, doubling up to {@link #MAX_RETRY_MS}. */
    static final long FIRST_RETRY_MS = 5_000;
    static final long MAX_RETRY_MS = 60_000;

    private final BundleContext context;
    private final ScheduledExecutorService worker;
    private final Backoff retry;
    private final ServiceTracker<SchemaMigrator, SchemaMigrator> tracker;

    // All state below is guarded by 'this'; migrations and restarts run outside that lock.
    private SchemaMigrator migrator;
    /** Started, hidden from SCR, waiting for a migration: by bundle id. */
    private final Map<Long, Bundle> held = new TreeMap<>();
    /** Bundles whose last migration failed (held, or running from before the extender started), with the reason. */
    private final Map<Long, String> failed = new TreeMap<>();
    /** Migrated by the worker or at LAZY_ACTIVATION: their next STARTED needs no migration. */
    private final Set<Long> migratedForStart = new HashSet<>();
    /** Active with the header when the extender started: migrated when the migrator comes, never restarted. */
    private final Map<Long, Bundle> runningBeforeUs = new TreeMap<>();
    private final Map<Long, String> names = new TreeMap<>();
    /** Failed retries in a row, and whether one is scheduled. */
    private int retries;
    private boolean retryScheduled;
    private volatile boolean closed;

    public SchemaExtender(BundleContext context, ScheduledExecutorService worker) {
        this(context, worker, FIRST_RETRY_MS);
    }

    SchemaExtender(BundleContext context, ScheduledExecutorService worker, long firstRetryMs) {
        this.context = context;
        this.worker = worker;
        this.retry = new Backoff(firstRetryMs, MAX_RETRY_MS);
        this.tracker = new ServiceTracker<>(context, SchemaMigrator.class, this);
    }

    /** Call once the hook is registered: picks up the bundles already running, then follows the migrator. */
    public void open() {
        Set<Long> heldBefore = readHeldBefore();
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && !changeLogs(b).isEmpty()) {
                synchronized (this) {
                    if (heldBefore.contains(b.getBundleId())) {
                        held.put(b.getBundleId(), b); // still without components: restarted once migrated
                        names.put(b.getBundleId(), b.getSymbolicName());
                    } else {
                        runningBeforeUs.put(b.getBundleId(), b);
                    }
                }
            }
        }
        tracker.open();
    }

    /**
     * Stops following the migrator; a catch-up under way finishes its current bundle and stops there. The bundles
     * still held are written down: they stay started without components, and the next extender (the core started
     * again) must restart them rather than take them for running ones.
     */
    public void close() {
        closed = true;
        tracker.close();
        List<String> ids;
        synchronized (this) {
            ids = held.keySet().stream().map(String::valueOf).collect(Collectors.toList());
        }
        File file = context.getDataFile(HELD_FILE);
        if (file != null) {
            try {
                Files.write(file.toPath(), ids);
            } catch (IOException e) {
                LOG.warn("Could not write down the held bundles {}: restart them by hand after the core", ids, e);
            }
        }
    }

    private Set<Long> readHeldBefore() {
        Set<Long> ids = new HashSet<>();
        File file = context.getDataFile(HELD_FILE);
        if (file != null && file.isFile()) {
            try {
                for (String line : Files.readAllLines(file.toPath())) {
                    if (!line.isBlank()) {
                        ids.add(Long.parseLong(line.trim()));
                    }
                }
                Files.delete(file.toPath());
            } catch (IOException | NumberFormatException e) {
                LOG.warn("Could not read the bundles held before the core restarted", e);
            }
        }
        return ids;
    }

    /** The change logs named by the bundle's header, in order; empty without one. */
    static List<String> changeLogs(Bundle bundle) {
        String header = bundle.getHeaders("").get(SchemaMigrator.CHANGELOG_HEADER);
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTED:
            case BundleEvent.LAZY_ACTIVATION:
                if (!changeLogs(bundle).isEmpty() && !readyOnStart(bundle, event.getType())) {
                    contexts.removeIf(c -> SCR_BUNDLE.equals(c.getBundle().getSymbolicName()));
                }
                break;
            case BundleEvent.STOPPING:
            case BundleEvent.UNINSTALLED:
                forget(bundle);
                break;
            default:
                break;
        }
    }

    /** Migrates on this thread; false when the bundle is held instead (no migrator, or its migration failed). */
    private boolean readyOnStart(Bundle bundle, int eventType) {
        long id = bundle.getBundleId();
        SchemaMigrator m;
        synchronized (this) {
            runningBeforeUs.remove(id);
            if (migratedForStart.remove(id)) {
                if (eventType == BundleEvent.LAZY_ACTIVATION) {
                    migratedForStart.add(id); // still to see its STARTED
                }
                return true;
            }
            m = migrator;
            if (m == null) {
                if (held.put(id, bundle) == null) {
                    names.put(id, bundle.getSymbolicName());
                    LOG.info("Schema of {} held: no schema migrator yet (database not up); its components start "
                            + "once it is migrated", bundle.getSymbolicName());
                }
                return false;
            }
        }
        boolean migrated = migrate(m, bundle);
        synchronized (this) {
            if (!migrated) {
                held.put(id, bundle);
                names.put(id, bundle.getSymbolicName());
                return false;
            }
            LOG.info("Schema of {} migrated before its components start", bundle.getSymbolicName());
            held.remove(id);
            if (eventType == BundleEvent.LAZY_ACTIVATION) {
                migratedForStart.add(id);
            }
            return true;
        }
    }

    private synchronized void forget(Bundle bundle) {
        long id = bundle.getBundleId();
        held.remove(id);
        failed.remove(id);
        migratedForStart.remove(id);
        runningBeforeUs.remove(id);
        names.remove(id);
    }

    /** Runs the bundle's change logs in order; false, logged and recorded, when one fails. */
    private boolean migrate(SchemaMigrator m, Bundle bundle) {
        String current = null;
        try {
            for (String changeLog : changeLogs(bundle)) {
                current = changeLog;
                m.migrate(bundle, changeLog);
            }
            synchronized (this) {
                if (failed.remove(bundle.getBundleId()) != null) {
                    LOG.info("Schema of {} migrated after an earlier failure", bundle.getSymbolicName());
                }
                if (failed.isEmpty()) {
                    retries = 0;
                }
            }
            return true;
        } catch (RuntimeException e) {
            String reason = current + ": " + e.getMessage();
            boolean first;
            synchronized (this) {
                first = failed.put(bundle.getBundleId(), reason) == null;
                names.put(bundle.getBundleId(), bundle.getSymbolicName());
            }
            if (first) {
                LOG.error("Schema migration of {} failed; its components stay stopped until a migration succeeds "
                        + "(tried again every {} s at most, or when the bundle is restarted or updated)",
                        bundle.getSymbolicName(), MAX_RETRY_MS / 1000, e);
            } else {
                LOG.debug("Schema migration of {} failed again: {}", bundle.getSymbolicName(), reason);
            }
            scheduleRetry();
            return false;
        }
    }

    @Override
    public SchemaMigrator addingService(ServiceReference<SchemaMigrator> reference) {
        SchemaMigrator m = context.getService(reference);
        if (m == null) {
            return null;
        }
        List<Bundle> toRestart;
        List<Bundle> toMigrate;
        synchronized (this) {
            migrator = m;
            toRestart = new ArrayList<>(held.values());
            toMigrate = new ArrayList<>(runningBeforeUs.values());
            runningBeforeUs.clear();
        }
        if (!toRestart.isEmpty() || !toMigrate.isEmpty()) {
            try {
                worker.execute(() -> catchUp(m, toRestart, toMigrate));
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Schema extender stopping: {} held bundles left as they are", toRestart.size());
            }
        }
        return m;
    }

    @Override
    public void modifiedService(ServiceReference<SchemaMigrator> reference, SchemaMigrator service) {
    }

    @Override
    public void removedService(ServiceReference<SchemaMigrator> reference, SchemaMigrator service) {
        synchronized (this) {
            if (migrator == service) {
                migrator = null;
            }
        }
        context.ungetService(reference);
    }

    /** On the worker: migrate the held bundles and restart them, migrate the ones running from before us. */
    private void catchUp(SchemaMigrator m, List<Bundle> toRestart, List<Bundle> toMigrate) {
        for (Bundle b : toMigrate) {
            if (closed) {
                return;
            }
            if (b.getState() == Bundle.ACTIVE && migrate(m, b)) {
                LOG.info("Schema of {} migrated (running since before the schema extender started: not restarted)",
                        b.getSymbolicName());
            }
        }
        for (Bundle b : toRestart) {
            if (closed) {
                return;
            }
            synchronized (this) {
                if (!held.containsKey(b.getBundleId())) {
                    continue; // stopped, uninstalled, or migrated on its own start meanwhile
                }
            }
            if (migrate(m, b)) {
                restart(b);
            }
        }
    }

    /**
     * A failed migration is not final: the database may have been down for a moment, or been fixed by hand. The held
     * bundles that failed are tried again on the worker, 5 s doubling to 60 s, as long as any is left.
     */
    private synchronized void scheduleRetry() {
        if (retryScheduled || closed) {
            return;
        }
        retries++;
        long delay = retry.delayMs(retries);
        try {
            worker.schedule(this::retryFailed, delay, TimeUnit.MILLISECONDS);
            retryScheduled = true;
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Schema extender stopping: no retry of the failed migrations");
        }
    }

    private void retryFailed() {
        SchemaMigrator m;
        List<Bundle> toRetry;
        synchronized (this) {
            retryScheduled = false;
            m = migrator;
            toRetry = held.entrySet().stream().filter(e -> failed.containsKey(e.getKey())).map(Map.Entry::getValue)
                    .collect(Collectors.toList());
        }
        if (m != null && !toRetry.isEmpty() && !closed) {
            catchUp(m, toRetry, List.of()); // a failure again schedules the next try
        }
    }

    private void restart(Bundle b) {
        long id = b.getBundleId();
        try {
            synchronized (this) {
                if (!held.containsKey(id) || b.getState() != Bundle.ACTIVE) {
                    return;
                }
            }
            LOG.info("Schema of {} migrated; restarting it (held, none of its components ran) so they start",
                    b.getSymbolicName());
            b.stop(Bundle.STOP_TRANSIENT); // STOPPING forgets it
            synchronized (this) {
                migratedForStart.add(id);
            }
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            int options = Bundle.START_TRANSIENT;
            if (level != null && level.isActivationPolicyUsed()) {
                options |= Bundle.START_ACTIVATION_POLICY;
            }
            b.start(options);
        } catch (BundleException | IllegalStateException e) {
            synchronized (this) {
                migratedForStart.remove(id);
            }
            LOG.error("Could not restart {} after migrating its schema", b.getSymbolicName(), e);
        }
    }

    /** Held bundles with no failure (waiting for the migrator) and failed ones, by symbolic name: for health. */
    public synchronized Status status() {
        Map<String, String> failures = new LinkedHashMap<>();
        failed.forEach((id, reason) -> failures.put(names.getOrDefault(id, "bundle " + id), reason));
        List<String> waiting = held.keySet().stream().filter(id -> !failed.containsKey(id))
                .map(id -> names.getOrDefault(id, "bundle " + id)).collect(Collectors.toList());
        return new Status(waiting, failures, migrator != null);
    }

    /** What the extender holds back, for the health contributor. */
    public static final class Status {
        public final List<String> waiting;
        public final Map<String, String> failed;
        /** Whether the migrator is there: the platform's own change log ran (the database answered). */
        public final boolean platformMigrated;

        Status(List<String> waiting, Map<String, String> failed, boolean platformMigrated) {
            this.waiting = List.copyOf(waiting);
            this.failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
            this.platformMigrated = platformMigrated;
        }
    }
}
