package org.pavilion.core.internal.schema;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.bundle.EventHook;
import org.pavilion.core.api.health.HealthContributor;

/**
 * The core's bundle activator: registers the schema extender's event hook while the core bundle starts, before any
 * department (start level 80, the core 75) can start and before SCR builds the core's own components. A bundle
 * activator rather than a DS component: a component is built only when SCR hears the core's STARTED event, and the
 * hook must not depend on SCR's timing nor on the DataSource (the migrator, which needs it, is tracked instead).
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class SchemaActivator implements BundleActivator {

    private final long firstRetryMs;
    private ScheduledThreadPoolExecutor worker;
    private SchemaExtender extender;
    private ServiceRegistration<EventHook> hook;
    private ServiceRegistration<HealthContributor> health;

    public SchemaActivator() {
        this(SchemaExtender.FIRST_RETRY_MS);
    }

    /** For tests: retries of failed migrations sooner than a hospital needs them. */
    SchemaActivator(long firstRetryMs) {
        this.firstRetryMs = firstRetryMs;
    }

    @Override
    public void start(BundleContext context) {
        // One thread: held bundles are migrated and restarted one after another, as the migrator allows anyway.
        worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pavilion-schema-extender");
            t.setDaemon(true);
            return t;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a retry not yet due is dropped at stop
        extender = new SchemaExtender(context, worker, firstRetryMs);
        hook = context.registerService(EventHook.class, extender, null);
        extender.open();
        health = context.registerService(HealthContributor.class, new SchemaHealth(extender), null);
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        health.unregister();
        hook.unregister();
        extender.close();
        worker.shutdown();
        // A migration under way finishes (Liquibase keeps each change set whole); the closed extender restarts no more.
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }
}
