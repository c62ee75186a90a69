package org.pavilion.openapi.internal;

import java.net.URL;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;

import javax.servlet.Servlet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers Swagger UI at {@value #ALIAS}/ as a whiteboard servlet in the whiteboard's shared default context (the
 * longest pattern wins over the web UI's /). Not through the HttpService: that gives this bundle a context model of
 * its own in "/", and Pax Web restarts the whole "/" context (web UI and /api answer 404 for a moment) when the
 * feature is installed or removed.
 */
@Component
public class SwaggerUiRegistration {

    static final String ALIAS = "/api-docs";
    private static final String WEBJAR_ROOT = "META-INF/resources/webjars/swagger-ui";

    private final ServiceRegistration<Servlet> registration;

    @Activate
    public SwaggerUiRegistration(BundleContext context) {
        Bundle bundle = context.getBundle();
        registration = context.registerService(Servlet.class, new SwaggerUiServlet(bundle::getEntry,
                webjarFolder(bundle), Long.toHexString(bundle.getLastModified())), whiteboard());
    }

    static Dictionary<String, Object> whiteboard() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.name", "pavilion-swagger-ui");
        props.put("osgi.http.whiteboard.servlet.pattern", new String[] { ALIAS, ALIAS + "/*" });
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=default)");
        return props;
    }

    /** The webjar's versioned folder inside this bundle, found by its main script. */
    private static String webjarFolder(Bundle bundle) {
        Enumeration<URL> found = bundle.findEntries(WEBJAR_ROOT, "swagger-ui-bundle.js", true);
        if (found == null || !found.hasMoreElements()) {
            throw new IllegalStateException("swagger-ui-bundle.js is missing from " + WEBJAR_ROOT);
        }
        String path = found.nextElement().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
