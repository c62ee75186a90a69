package org.pavilion.openapi.internal;

import java.net.URL;
import java.util.Enumeration;

import javax.servlet.ServletException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;

/** Registers Swagger UI at {@value #ALIAS}/ with the container's HttpService (the longest alias wins over the web UI's /). */
@Component
public class SwaggerUiRegistration {

    static final String ALIAS = "/api-docs";
    private static final String WEBJAR_ROOT = "META-INF/resources/webjars/swagger-ui";

    private final HttpService http;

    @Activate
    public SwaggerUiRegistration(@Reference HttpService http, BundleContext context)
            throws ServletException, NamespaceException {
        this.http = http;
        Bundle bundle = context.getBundle();
        http.registerServlet(ALIAS, new SwaggerUiServlet(bundle::getEntry, webjarFolder(bundle),
                Long.toHexString(bundle.getLastModified())), null, null);
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
        http.unregister(ALIAS);
    }
}
