package org.pavilion.core.internal.db;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Liquibase change logs on the platform database. Liquibase is embedded in this bundle; it reads
 * the change log through the calling bundle's class loader and its own plug-ins through ours.
 * <p>
 * The service is registered once the platform's own change log has run, so whatever references it (the core's
 * services, the schema extender holding the departments) starts on a migrated schema. The first attempt runs while
 * the component activates; if the database is not reachable then (it started after us, or is down), the component
 * does not fail: it tries again, 2 s doubling to 30 s, and registers the service when the database answers, so the
 * platform comes up by itself once the database does.
 */
@Component(service = {}, immediate = true)
// Registered by hand once migrated, not by SCR: the capability SCR's registration would have declared, declared here.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.pavilion.core.api.schema.SchemaMigrator",
        uses = SchemaMigrator.class)
public class LiquibaseSchemaMigrator implements SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseSchemaMigrator.class);
    static final String CORE_CHANGELOG = "db/core-changelog.xml";
    static final String CORE = "org.pavilion.core";
    static final long FIRST_RETRY_MS = 2_000;
    static final long MAX_RETRY_MS = 30_000;

    private final DataSource dataSource;
    // One migration at a time inside this container; Liquibase's lock table guards across processes.
    private final ReentrantLock lock = new ReentrantLock();
    private final ClassLoader coreLoader;
    private final Function<SchemaMigrator, Runnable> publish;
    private final Backoff retry;

    // Guarded by 'this'.
    private ScheduledThreadPoolExecutor retries;
    private Runnable unpublish;
    private boolean closed;
    private int failures;

    @Activate
    public LiquibaseSchemaMigrator(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            BundleContext context) {
        this(dataSource, context.getBundle().adapt(BundleWiring.class).getClassLoader(), migrator -> {
            ServiceRegistration<SchemaMigrator> registration = context.registerService(SchemaMigrator.class,
                    migrator, null);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the core is stopping: the framework unregistered it
                }
            };
        }, FIRST_RETRY_MS);
    }

    /**
     * @param publish registers the migrator once the platform's change log ran; returns how to withdraw it
     */
    LiquibaseSchemaMigrator(DataSource dataSource, ClassLoader coreLoader, Function<SchemaMigrator, Runnable> publish,
            long firstRetryMs) {
        this.dataSource = dataSource;
        this.coreLoader = coreLoader;
        this.publish = publish;
        this.retry = new Backoff(firstRetryMs, MAX_RETRY_MS);
        // On the activating thread: with the database up, the service is there before activation returns.
        attempt();
    }

    @Deactivate
    void deactivate() {
        Runnable withdraw;
        ScheduledThreadPoolExecutor pending;
        synchronized (this) {
            closed = true;
            withdraw = unpublish;
            unpublish = null;
            pending = retries;
        }
        if (pending != null) {
            pending.shutdown(); // an attempt under way finishes; none is scheduled any more
        }
        if (withdraw != null) {
            withdraw.run();
        }
    }

    /** Runs the platform's change log and publishes the migrator, or schedules the next attempt. */
    private void attempt() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            migrate(dataSource, coreLoader, CORE_CHANGELOG, CORE);
        } catch (RuntimeException e) {
            retryLater(e);
            return;
        }
        if (failures > 0) {
            LOG.info("The database answers again: platform schema migrated after {} failed attempts", failures);
        }
        Runnable published = publish.apply(this);
        boolean withdraw;
        synchronized (this) {
            withdraw = closed;
            if (!withdraw) {
                unpublish = published;
            }
        }
        if (withdraw) {
            published.run();
        }
    }

    private void retryLater(RuntimeException failure) {
        long delay;
        int failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            failed = ++failures;
            delay = retry.delayMs(failed);
            if (retries == null) {
                retries = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "pavilion-platform-schema");
                    t.setDaemon(true);
                    return t;
                });
                retries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
            retries.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        }
        if (failed == 1) {
            LOG.error("The platform's schema could not be migrated, the database does not answer as it should ({}); "
                    + "the platform waits for it and tries again (every {} s at most)", failure.getMessage(),
                    MAX_RETRY_MS / 1000);
        } else {
            LOG.debug("Platform schema migration attempt {} failed: {}", failed, failure.getMessage());
        }
    }

    @Override
    public void migrate(Bundle bundle, String changeLog) {
        ClassLoader bundleLoader = bundle.adapt(BundleWiring.class).getClassLoader();
        migrate(dataSource, bundleLoader, changeLog, bundle.getSymbolicName());
    }

    /** The core's own change log on any DataSource, for tests outside OSGi. */
    public static void migrateForTest(DataSource ds, ClassLoader loader) {
        new LiquibaseSchemaMigrator(ds).migrate(ds, loader, CORE_CHANGELOG, "test");
    }

    private LiquibaseSchemaMigrator(DataSource ds) {
        this.dataSource = ds;
        this.coreLoader = null;
        this.publish = null;
        this.retry = new Backoff(FIRST_RETRY_MS, MAX_RETRY_MS);
    }

    void migrate(DataSource ds, ClassLoader changeLogLoader, String changeLog, String owner) {
        lock.lock();
        ClassLoader ownLoader = LiquibaseSchemaMigrator.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ownLoader);
        long start = System.nanoTime();
        try (Connection connection = ds.getConnection()) {
            // Liquibase leaves auto-commit off; the pool must get the connection back as it lent it.
            boolean autoCommit = connection.getAutoCommit();
            Scope.child(Map.of(Scope.Attr.classLoader.name(), ownLoader), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Liquibase liquibase = new Liquibase(changeLog, new ClassLoaderResourceAccessor(changeLogLoader), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            connection.setAutoCommit(autoCommit);
            LOG.info("Schema of {} is up to date ({} in {} ms)", owner, changeLog, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException("Schema migration " + changeLog + " of " + owner + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            lock.unlock();
        }
    }
}
