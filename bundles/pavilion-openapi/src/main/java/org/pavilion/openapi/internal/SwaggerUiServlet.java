package org.pavilion.openapi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.function.Function;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.pavilion.core.api.http.PageHeaders;

/**
 * Swagger UI at {@value SwaggerUiRegistration#ALIAS}/: our page and script, and a fixed list of files from the
 * swagger-ui webjar. Anyone may load the page; the document it shows needs the session (see
 * {@link OpenApiResources}). Nothing else is served: the list is closed, so no path reaches other bundle entries.
 */
public class SwaggerUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Scripts only from here; Swagger UI sets inline styles on its elements, so styles may be inline. The page
     * connects only to this origin (the document and "Try it out" calls).
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    static final String OWN = "swagger-ui/";

    /** Served name -> where it lives: {@code own:} our folder, {@code webjar:} the webjar's folder. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "own:index.html",
            "pavilion-api-docs.js", "own:pavilion-api-docs.js",
            "pavilion-api-docs.css", "own:pavilion-api-docs.css",
            "swagger-ui-bundle.js", "webjar:swagger-ui-bundle.js",
            "swagger-ui-bundle.js.LICENSE.txt", "webjar:swagger-ui-bundle.js.LICENSE.txt",
            "swagger-ui.css", "webjar:swagger-ui.css",
            "favicon-32x32.png", "webjar:favicon-32x32.png",
            "favicon-16x16.png", "webjar:favicon-16x16.png");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "txt", "text/plain; charset=utf-8");

    private final transient Function<String, URL> entries;
    private final String webjarFolder;
    private final String revision;

    /**
     * @param entries a bundle entry by path ({@code Bundle::getEntry})
     * @param webjarFolder the folder of the webjar's files in the bundle, ending with '/'
     * @param revision changes when the bundle is updated (its ETags do)
     */
    public SwaggerUiServlet(Function<String, URL> entries, String webjarFolder, String revision) {
        this.entries = entries;
        this.webjarFolder = webjarFolder;
        this.revision = revision;
    }

    /** The bundle entry a request path below the alias names, or null (404). */
    String entryFor(String pathInfo) {
        String name = pathInfo == null || pathInfo.equals("/") ? "index.html"
                : pathInfo.startsWith("/") ? pathInfo.substring(1) : null;
        String where = name == null ? null : FILES.get(name);
        if (where == null) {
            return null;
        }
        return where.startsWith("own:") ? OWN + where.substring(4) : webjarFolder + where.substring(7);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PageHeaders.set(resp, CSP);
        if (req.getPathInfo() == null || req.getPathInfo().isEmpty()) {
            // Relative links of the page resolve against the folder.
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        String entry = entryFor(req.getPathInfo());
        URL url = entry == null ? null : entries.apply(entry);
        if (url == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String extension = entry.substring(entry.lastIndexOf('.') + 1);
        resp.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        if (extension.equals("html")) {
            resp.setHeader("Cache-Control", "no-store");
        } else {
            String etag = "\"" + revision + "-" + Integer.toHexString(entry.hashCode()) + "\"";
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("ETag", etag);
            String ifNoneMatch = req.getHeader("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
                resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        try (InputStream in = url.openStream()) {
            byte[] body = in.readAllBytes();
            resp.setContentLength(body.length);
            if (!"HEAD".equals(req.getMethod())) {
                resp.getOutputStream().write(body);
            }
        }
    }
}
