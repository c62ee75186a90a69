package org.pavilion.web.internal;

import javax.servlet.ServletException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;
import org.pavilion.core.api.http.TransportSecurity;

/**
 * Registers the web UI's servlet at {@code /} with the container's HttpService. The longest alias wins, so CXF's
 * {@code /api} servlet keeps its requests.
 */
@Component
public class WebRegistration {

    static final String ALIAS = "/";

    private final HttpService http;

    @Activate
    public WebRegistration(@Reference HttpService http, @Reference UiContributions contributions,
            @Reference TransportSecurity transport, BundleContext context) throws ServletException, NamespaceException {
        this.http = http;
        http.registerServlet(ALIAS, new WebServlet(BundleFiles.of(context.getBundle()), contributions, transport), null, null);
    }

    @Deactivate
    void deactivate() {
        http.unregister(ALIAS);
    }
}
