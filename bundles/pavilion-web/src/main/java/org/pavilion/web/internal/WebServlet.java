package org.pavilion.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.pavilion.core.api.http.PageHeaders;
import org.pavilion.core.api.http.TransportSecurity;
import org.pavilion.web.internal.WebPaths.Target;

/**
 * Everything of the web UI outside {@code /api}: the staff shell's HTML for every staff route, the portal's for
 * {@code /portal/...}, the shell's and the libraries' files, and each contribution's files and merged messages.
 * Security headers on every answer; HTML is never stored; files revalidate by ETag so a reinstalled department shows
 * at once.
 */
public class WebServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Scripts only from here (no inline code, no eval); styles from here too (pages set styles through the CSSOM). */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'";

    static final String SHELL_ROOT = "ui/shell/";
    static final String STAFF_HTML = "index.html";
    static final String PORTAL_HTML = "portal.html";

    private final transient BundleFiles own;
    private final transient UiContributions contributions;
    private final transient Map<String, String> libraries;
    private final transient AssetCache cache = new AssetCache(512);
    private final transient TransportSecurity transport;

    /** {@code transport}: the core's HTTPS rule, so pages send HSTS exactly when the REST and SOAP answers do. */
    public WebServlet(BundleFiles own, UiContributions contributions, TransportSecurity transport) {
        this.own = own;
        this.contributions = contributions;
        this.transport = transport;
        this.libraries = libraries(own);
    }

    /** Library name -> folder in this bundle, from the build-filtered webjars.properties. */
    private static Map<String, String> libraries(BundleFiles own) {
        URL url = own.entry("org/pavilion/web/internal/webjars.properties");
        Properties p = new Properties();
        if (url != null) {
            try (InputStream in = url.openStream()) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return Map.copyOf(out);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PageHeaders.set(resp, CSP);
        transport.strictTransportSecurity(req).ifPresent(hsts -> resp.setHeader(TransportSecurity.HSTS_HEADER, hsts));
        String path = req.getPathInfo() != null ? req.getServletPath() + req.getPathInfo() : req.getServletPath();
        Target target = WebPaths.resolve(path);
        Optional<Asset> asset = find(target);
        if (asset.isEmpty()) {
            notFound(resp);
            return;
        }
        boolean html = target.kind() == WebPaths.Kind.STAFF_HTML || target.kind() == WebPaths.Kind.PORTAL_HTML;
        if (target.kind() == WebPaths.Kind.SHELL && WebPaths.PORTAL_WORKER.equals(target.path())) {
            // Served at /portal/sw.js; its scope is "/portal" itself (the portal's home), one step above its folder.
            resp.setHeader("Service-Worker-Allowed", "/portal");
        }
        send(req, resp, asset.get(), html);
    }

    /** The asset a target names, empty when there is none. */
    Optional<Asset> find(Target target) {
        return Optional.ofNullable(switch (target.kind()) {
            case STAFF_HTML -> ownFile(SHELL_ROOT + STAFF_HTML);
            case PORTAL_HTML -> ownFile(SHELL_ROOT + PORTAL_HTML);
            case SHELL -> ownFile(SHELL_ROOT + target.path());
            case LIB -> libraries.containsKey(target.owner())
                    ? ownFile(libraries.get(target.owner()) + "/" + target.path()) : null;
            case CONTRIBUTION -> contributions.get(target.owner()).map(c -> cached("c|" + c.id() + "|"
                    + c.files().revision() + "|" + target.path(), c.files(), c.path(target.path()))).orElse(null);
            case MESSAGES -> contributions.get(target.owner()).map(c -> cache.get("m|" + c.id() + "|"
                    + c.files().revision() + "|" + target.path(), () -> new Asset(
                            Messages.mergedJson(c.files(), c.path("i18n"), target.path()), Asset.typeOf(".json"))))
                    .orElse(null);
            case NOT_FOUND -> null;
        });
    }

    private Asset ownFile(String path) {
        return cached("own|" + own.revision() + "|" + path, own, path);
    }

    private Asset cached(String key, BundleFiles files, String path) {
        return cache.get(key, () -> read(files, path));
    }

    private static Asset read(BundleFiles files, String path) {
        URL url = files.entry(path);
        if (url == null || url.getPath().endsWith("/")) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return new Asset(in.readAllBytes(), Asset.typeOf(path));
        } catch (IOException e) {
            return null; // a folder or a file that vanished with its bundle: not found
        }
    }

    static void send(HttpServletRequest req, HttpServletResponse resp, Asset asset, boolean html) throws IOException {
        boolean gzip = asset.compressible() && acceptsGzip(req.getHeader("Accept-Encoding"));
        resp.setHeader("Vary", "Accept-Encoding");
        resp.setContentType(asset.contentType());
        if (html) {
            // The shell's page may show patient data once scripts run: no cache keeps it.
            resp.setHeader("Cache-Control", "no-store");
        } else {
            String etag = gzip ? asset.gzipEtag() : asset.etag();
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("ETag", etag);
            if (matches(req.getHeader("If-None-Match"), etag)) {
                resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        byte[] body = gzip ? asset.gzipped() : asset.bytes();
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    static void notFound(HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write("Not found\n".getBytes(StandardCharsets.UTF_8));
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag) || t.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
