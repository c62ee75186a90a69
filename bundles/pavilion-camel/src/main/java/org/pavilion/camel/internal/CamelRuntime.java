package org.pavilion.camel.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.camel.api.CamelServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the container's one CamelContext: creates it with this bundle's class loader (the embedded Camel
 * jars' META-INF service files are only visible there), registers it as an OSGi service, bridges Camel's
 * registry to OSGi and watches the route folder.
 */
@Component(service = CamelRuntime.class, immediate = true, configurationPid = CamelServices.PID)
@Designate(ocd = CamelConfig.class)
public class CamelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final BundleContext bundleContext;
    private final DefaultCamelContext camel;
    private final OsgiBeanRepository beans;
    private final RouteRegistry routes;
    // DS registers the component object itself; the context is a different object, so it is registered by hand.
    private final ServiceRegistration<CamelContext> registration;
    private ScheduledExecutorService folderScanner;
    private RouteFolder folder;

    @Activate
    public CamelRuntime(BundleContext bundleContext, CamelConfig config) throws Exception {
        this.bundleContext = bundleContext;
        ClassLoader own = CamelRuntime.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        try {
            camel = new DefaultCamelContext(false);
            beans = new OsgiBeanRepository(bundleContext, this::componentGone);
            // Camel's own beans (bound in code) first, then the OSGi services.
            camel.getCamelContextExtension().setRegistry(new DefaultRegistry(beans));
            camel.getCamelContextExtension().setName(CamelServices.CONTEXT_NAME);
            camel.setApplicationContextClassLoader(own);
            camel.build();
            camel.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        routes = new RouteRegistry(camel);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CamelServices.CONTEXT_NAME_PROPERTY, CamelServices.CONTEXT_NAME);
        registration = bundleContext.registerService(CamelContext.class, camel, props);
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
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters it when our bundle stops
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

    public Path routeFolder() {
        RouteFolder f = folder;
        return f == null ? null : f.folder();
    }

    static Path folderOf(CamelConfig config) {
        String dir = config.routes_directory();
        return dir == null || dir.isBlank()
                ? Paths.get(System.getProperty("karaf.etc", "etc"), "routes") : Paths.get(dir);
    }

    private synchronized void startFolder(CamelConfig config) throws Exception {
        Path path = folderOf(config);
        Files.createDirectories(path);
        RouteFolder watched = new RouteFolder(camel, routes, path);
        folder = watched;
        // Camel's executor manager names the thread and shuts the pool down with the context at the latest.
        folderScanner = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "pavilion-route-folder");
        folderScanner.scheduleWithFixedDelay(() -> {
            try {
                watched.scan();
            } catch (RuntimeException e) {
                LOG.error("Scanning route folder {} failed", path, e);
            }
        }, 0, Math.max(100, config.routes_scanMillis()), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for route files (*.yaml, *.yml, *.xml)", path.toAbsolutePath());
        warnIfKarafInstallsTheFolder(path);
    }

    /**
     * Karaf's Felix FileInstall watches etc/ and, unless told to skip sub-folders, installs any sub-folder
     * (our etc/routes) as an exploded bundle once it changes.
     */
    private void warnIfKarafInstallsTheFolder(Path path) {
        String etc = bundleContext.getProperty("karaf.etc");
        if (etc != null && path.toAbsolutePath().normalize().startsWith(Paths.get(etc).toAbsolutePath().normalize())
                && !"skip".equals(bundleContext.getProperty("felix.fileinstall.subdir.mode"))) {
            LOG.warn("Route folder {} lies in Karaf's etc/, which FileInstall would install as a bundle: "
                    + "set felix.fileinstall.subdir.mode=skip in etc/config.properties", path);
        }
    }

    private synchronized void stopFolder() {
        if (folderScanner != null) {
            camel.getExecutorServiceManager().shutdownNow(folderScanner);
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

    /** A named service left: a component cached under that name must not be used any more. */
    private void componentGone(String name) {
        if (camel.hasComponent(name) != null) {
            camel.removeComponent(name);
            LOG.info("Component '{}' withdrawn from context '{}'", name, camel.getName());
        }
    }
}
