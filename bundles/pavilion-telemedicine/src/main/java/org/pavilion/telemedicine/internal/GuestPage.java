package org.pavilion.telemedicine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.http.PageHeaders;
import org.pavilion.core.api.http.TransportSecurity;

/**
 * The guest's page at {@value #ALIAS}: the one page of the department a visitor without an account opens (from the
 * doctor's single-use link, token in the fragment). The signed-in shell cannot show it (its manifest gives an
 * anonymous caller no page), so the department serves this small HTML itself, a whiteboard servlet (the longest
 * pattern wins over the web UI's {@code /}); its script, styles and messages come from the
 * department's UI files that the web shell serves at {@code /ui/c/telemedicine/}. Same headers as the shell's pages:
 * a strict CSP (no inline script), no caching, no referrer, no framing.
 */
@Component(service = {}, immediate = true)
public class GuestPage {

    static final String ALIAS = "/telemedicine/guest";
    static final String HTML = "/guest/guest.html";
    /** As the web shell's pages: scripts and styles from here only, no inline code, no eval, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'";

    private final ServiceRegistration<Servlet> registration;

    @Activate
    public GuestPage(@Reference TransportSecurity transport, BundleContext context) {
        registration = context.registerService(Servlet.class, new Page(page(), transport), whiteboard());
    }

    /**
     * A whiteboard servlet in the whiteboard's shared default context, not an HttpService alias: an HttpService
     * gives this bundle a context model of its own in "/", and Pax Web restarts the whole "/" context (web UI and
     * /api, a moment of 404s) when that model comes or goes with the department.
     */
    static Dictionary<String, Object> whiteboard() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.name", "pavilion-telemedicine-guest-page");
        props.put("osgi.http.whiteboard.servlet.pattern", new String[] { ALIAS, ALIAS + "/*" });
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=default)");
        return props;
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    static byte[] page() {
        try (InputStream in = GuestPage.class.getResourceAsStream(HTML)) {
            if (in == null) {
                throw new IllegalStateException(HTML + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the page for {@value #ALIAS} itself; anything below it is not a page. */
    static final class Page extends HttpServlet {

        private static final long serialVersionUID = 1L;

        private final byte[] html;
        private final transient TransportSecurity transport;

        Page(byte[] html, TransportSecurity transport) {
            this.html = html;
            this.transport = transport;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            PageHeaders.set(resp, CSP);
            resp.setHeader("X-Robots-Tag", "noindex, nofollow");
            if (transport != null) {
                transport.strictTransportSecurity(req)
                        .ifPresent(v -> resp.setHeader(TransportSecurity.HSTS_HEADER, v));
            }
            resp.setHeader("Cache-Control", "no-store");
            String rest = req.getPathInfo();
            if (rest != null && !rest.isEmpty() && !rest.equals("/")) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            resp.setContentType("text/html;charset=UTF-8");
            resp.setContentLength(html.length);
            resp.getOutputStream().write(html);
        }
    }
}
