package org.pavilion.core.internal.rest;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.pavilion.core.api.rest.RestDirectory;
import org.pavilion.core.internal.module.HealthService;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers {@value #PATH} while the REST layer is not up, so a load balancer or monitor reads DOWN and why instead
 * of a 404. That happens when the database was down at boot: the REST publisher needs the accounts, which need the
 * platform's schema. The answer is the health report, always 503, with a {@code rest} check saying the API is not
 * published. Once the publisher is up (and with it the health resource) this servlet withdraws.
 */
@Component(immediate = true)
public class HealthBeforeRest {

    static final String PATH = RestPublisher.SERVLET_PREFIX + RestPublisher.REST_PREFIX + "/platform/health";

    private final BundleContext context;
    private final HealthService health;
    private final ServiceTracker<RestDirectory, RestDirectory> rest;
    /** Registered while no REST publisher is; guarded by this, as are the two below. */
    private ServiceRegistration<Servlet> registration;
    private int publishers;
    private boolean closed;

    @Activate
    public HealthBeforeRest(BundleContext context, @Reference HealthService health) {
        this.context = context;
        this.health = health;
        this.rest = new ServiceTracker<>(context, RestDirectory.class, new Customizer());
        rest.open();
        follow();
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
        }
        rest.close();
        follow();
    }

    private synchronized void changePublishers(int by) {
        publishers += by;
        follow();
    }

    /** Registers the servlet while no REST publisher is there, withdraws it when one is. */
    private synchronized void follow() {
        boolean wanted = !closed && publishers == 0;
        if (wanted && registration == null) {
            registration = context.registerService(Servlet.class, new Answer(), whiteboard());
        } else if (!wanted && registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    static Dictionary<String, Object> whiteboard() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.name", "pavilion-health-before-rest");
        // An exact pattern: it wins over CXF's /api/* while both are there.
        props.put("osgi.http.whiteboard.servlet.pattern", PATH);
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=default)");
        return props;
    }

    /** The report as the REST resource would give it, DOWN because the API is not there. */
    HealthService.Report report() {
        HealthService.Report report = health.check();
        report.status = "DOWN";
        Map<String, String> restCheck = new LinkedHashMap<>();
        restCheck.put("status", "DOWN");
        restCheck.put("detail", "the REST API is not published yet (it starts once the platform schema is migrated)");
        report.checks.put("rest", restCheck);
        return report;
    }

    private final class Answer extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ObjectMapper json = JsonProviderFactory.objectMapper();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = json.writeValueAsBytes(report());
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.setHeader("Retry-After", "5");
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setContentType("application/json");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<RestDirectory, RestDirectory> {
        @Override
        public RestDirectory addingService(ServiceReference<RestDirectory> ref) {
            RestDirectory d = context.getService(ref);
            changePublishers(+1);
            return d;
        }

        @Override
        public void modifiedService(ServiceReference<RestDirectory> ref, RestDirectory d) {
        }

        @Override
        public void removedService(ServiceReference<RestDirectory> ref, RestDirectory d) {
            changePublishers(-1);
            context.ungetService(ref);
        }
    }
}
