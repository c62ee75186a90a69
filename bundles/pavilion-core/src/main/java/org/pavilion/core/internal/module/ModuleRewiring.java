package org.pavilion.core.internal.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pavilion.core.api.module.ModuleHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the departments whose optional imports a department started since could satisfy
 * ({@link OptionalImports} says which and why), so switching a department on reaches those that use it, whatever
 * the order they were installed in. Karaf does the same within its own refresh unless told not to
 * ({@code feature:install -r}, a KAR, a bundle installed by hand); then this is what does it. It waits until the
 * framework has been quiet for a moment, so a feature operation under way finishes (and refreshes) first. Each
 * refreshed department restarts once, as a Karaf refresh restarts it.
 */
@Component(immediate = true)
public class ModuleRewiring {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRewiring.class);
    /** How long the framework must be without bundle events before the check runs. */
    static final long QUIET_MS = 2000;
    private static final Pattern PACKAGE = Pattern.compile("\\(" + PackageNamespace.PACKAGE_NAMESPACE + "=([^)]+)\\)");

    private final BundleContext context;
    private final ScheduledExecutorService timer;
    private final BundleListener listener = this::changed;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private volatile long lastEventNanos = System.nanoTime();

    @Activate
    public ModuleRewiring(BundleContext context) {
        this.context = context;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pavilion-module-rewiring");
            t.setDaemon(true);
            return t;
        });
        context.addBundleListener(listener);
        // A department started while the core was away (a restart of the core alone) is looked at too.
        request();
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(listener);
        timer.shutdownNow();
    }

    private void changed(BundleEvent event) {
        lastEventNanos = System.nanoTime();
        if (event.getType() == BundleEvent.STARTED && isModule(event.getBundle())) {
            request();
        }
    }

    private void request() {
        if (pending.compareAndSet(false, true)) {
            schedule(QUIET_MS);
        }
    }

    private void schedule(long delayMs) {
        try {
            timer.schedule(this::checkWhenQuiet, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // deactivated
        }
    }

    private void checkWhenQuiet() {
        long quietFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastEventNanos);
        if (quietFor < QUIET_MS) {
            schedule(QUIET_MS - quietFor);
            return;
        }
        pending.set(false);
        try {
            refreshWhereNeeded();
        } catch (RuntimeException e) {
            // A bundle went away while it was read: the next start looks again.
            LOG.warn("Could not check the departments' optional imports: {}", e.toString());
        }
    }

    private void refreshWhereNeeded() {
        List<OptionalImports.Import> imports = new ArrayList<>();
        List<OptionalImports.Export> exports = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleWiring wiring = isModule(b) ? b.adapt(BundleWiring.class) : null;
            if (wiring == null || !wiring.isCurrent()) {
                continue;
            }
            for (BundleCapability c : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object pkg = c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                if (pkg instanceof String) {
                    exports.add(new OptionalImports.Export(b.getBundleId(), (String) pkg, c));
                }
            }
            imports.addAll(optionalImports(b, wiring));
        }
        Map<Long, String> refresh = OptionalImports.toRefresh(imports, exports, tried);
        if (refresh.isEmpty()) {
            return;
        }
        List<Bundle> bundles = new ArrayList<>();
        refresh.forEach((id, why) -> {
            Bundle b = context.getBundle(id);
            if (b != null) {
                LOG.info("Refreshing {} so it uses the department now installed: {}", b.getSymbolicName(), why);
                bundles.add(b);
            }
        });
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(bundles);
    }

    private static List<OptionalImports.Import> optionalImports(Bundle b, BundleWiring wiring) {
        List<OptionalImports.Import> found = new ArrayList<>();
        for (BundleRequirement r : wiring.getRevision().getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (!PackageNamespace.RESOLUTION_OPTIONAL.equals(
                    r.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            Matcher m = PACKAGE.matcher(String.valueOf(r.getDirectives().get(Constants.FILTER_DIRECTIVE)));
            if (!m.find()) {
                continue;
            }
            String pkg = m.group(1);
            BundleWire wire = null;
            for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (pkg.equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    wire = w;
                }
            }
            boolean current = wire != null && wire.getProviderWiring() != null && wire.getProviderWiring().isCurrent()
                    && wire.getProvider().getBundle().getState() != Bundle.UNINSTALLED;
            found.add(new OptionalImports.Import(b.getBundleId(), pkg, wire != null, current,
                    e -> r.matches((BundleCapability) e.capability())));
        }
        return found;
    }

    private static boolean isModule(Bundle b) {
        return b.getHeaders("").get(ModuleHeaders.MODULE) != null;
    }
}
