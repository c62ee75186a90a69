package org.pavilion.camel.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.pavilion.camel.api.CamelServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the container's one CamelContext: registers it as a service, runs the routes of every RoutesBuilder
 * service while it is registered, bridges Camel's registry to OSGi and watches the route folder.
 */
@org.osgi.service.component.annotations.Component(service = CamelRuntime.class, immediate = true,
        configurationPid = "org.pavilion.camel")
@Designate(ocd = CamelConfig.class)
public class CamelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final BundleContext bundleContext;
    private final DefaultCamelContext camel;
    private final OsgiBeanRepository beans;
    private final RouteRegistry routes;
    private final RouteStatistics statistics = new RouteStatistics();
    private final ServiceTracker<RoutesBuilder, String> builders;
    private final ServiceTracker<Object, Object> namedServices;
    private final ServiceRegistration<CamelContext> registration;
    private ScheduledExecutorService folderScanner;
    private RouteFolder folder;

    @Activate
    public CamelRuntime(BundleContext bundleContext, CamelConfig config) throws Exception {
        this.bundleContext = bundleContext;
        ClassLoader own = CamelRuntime.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Camel finds components, languages and DSL loaders through META-INF files of the embedded jars.
        thread.setContextClassLoader(own);
        try {
            beans = new OsgiBeanRepository(bundleContext);
            camel = new DefaultCamelContext(new DefaultRegistry(beans));
            camel.getCamelContextExtension().setName(CamelServices.CONTEXT_NAME);
            camel.setApplicationContextClassLoader(own);
            camel.getManagementStrategy().addEventNotifier(statistics);
            camel.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        routes = new RouteRegistry(camel);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", CamelServices.CONTEXT_NAME);
        registration = bundleContext.registerService(CamelContext.class, camel, props);
        builders = new ServiceTracker<>(bundleContext, RoutesBuilder.class, new Builders());
        builders.open(true);
        namedServices = new ServiceTracker<>(bundleContext,
                bundleContext.createFilter("(" + CamelServices.NAME + "=*)"), new NamedServices());
        namedServices.open(true);
        startFolder(config);
        LOG.info("Camel {} context '{}' started", camel.getVersion(), camel.getName());
    }

    @Modified
    void modified(CamelConfig config) throws Exception {
        stopFolder();
        startFolder(config);
    }

    @Deactivate
    void deactivate() {
        stopFolder();
        builders.close();
        namedServices.close();
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // bundle stopping
        }
        camel.stop();
        beans.close();
        LOG.info("Camel context '{}' stopped", camel.getName());
    }

    public CamelContext camel() {
        return camel;
    }

    public RouteRegistry routes() {
        return routes;
    }

    public RouteStatistics statistics() {
        return statistics;
    }

    public Path routeFolder() {
        RouteFolder f = folder;
        return f == null ? null : f.folder();
    }

    private void startFolder(CamelConfig config) throws Exception {
        String dir = config.routes_directory();
        Path path = dir == null || dir.isBlank()
                ? Paths.get(System.getProperty("karaf.etc", "etc"), "routes") : Paths.get(dir);
        Files.createDirectories(path);
        folder = new RouteFolder(camel, routes, path);
        folderScanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pavilion-route-folder");
            t.setDaemon(true);
            return t;
        });
        RouteFolder watched = folder;
        folderScanner.scheduleWithFixedDelay(() -> withOwnClassLoader(watched::scan), 0,
                Math.max(100, config.routes_scanMillis()), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for route files", path.toAbsolutePath());
    }

    private void stopFolder() {
        if (folderScanner != null) {
            folderScanner.shutdownNow();
            try {
                folderScanner.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            folderScanner = null;
        }
        if (folder != null) {
            folder.unloadAll();
            folder = null;
        }
    }

    private static void withOwnClassLoader(Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelRuntime.class.getClassLoader());
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Route folder scan failed", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String ownerOf(ServiceReference<?> ref) {
        return "bundle:" + ref.getBundle().getSymbolicName() + "#" + ref.getProperty("service.id");
    }

    private final class Builders implements ServiceTrackerCustomizer<RoutesBuilder, String> {
        @Override
        public String addingService(ServiceReference<RoutesBuilder> ref) {
            RoutesBuilder builder = bundleContext.getService(ref);
            if (builder == null) {
                return null;
            }
            String owner = ownerOf(ref);
            try {
                routes.add(owner, List.of(builder));
                return owner;
            } catch (Exception e) {
                LOG.error("Routes of {} could not be started", owner, e);
                bundleContext.ungetService(ref);
                return null;
            }
        }

        @Override
        public void modifiedService(ServiceReference<RoutesBuilder> ref, String owner) {
        }

        @Override
        public void removedService(ServiceReference<RoutesBuilder> ref, String owner) {
            routes.remove(owner);
            bundleContext.ungetService(ref);
        }
    }

    /** When a named component leaves, Camel must not keep using the old instance. */
    private final class NamedServices implements ServiceTrackerCustomizer<Object, Object> {
        @Override
        public Object addingService(ServiceReference<Object> ref) {
            return ref;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Object o) {
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Object o) {
            String name = String.valueOf(ref.getProperty(CamelServices.NAME));
            Component component = camel.hasComponent(name);
            beans.forget(ref);
            if (component != null) {
                camel.removeComponent(name);
                LOG.info("Component '{}' withdrawn by {}", name, ref.getBundle().getSymbolicName());
            }
        }
    }

}
