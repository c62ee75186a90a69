package org.pavilion.web.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;
import org.pavilion.core.internal.rest.HttpPolicy;
import org.pavilion.core.internal.rest.ProxyTrust;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

public class WebServletTest {

    private static final String BIG_JS = "export const x = 1;\n".repeat(100);

    private final FolderFiles own = FolderFiles.temp()
            .put("org/pavilion/web/internal/webjars.properties", "lit-html=META-INF/resources/webjars/lit-html/9.9\n")
            .put("META-INF/resources/webjars/lit-html/9.9/lit-html.js", BIG_JS)
            .put("ui/shell/index.html", "<!doctype html><title>staff</title>")
            .put("ui/shell/portal.html", "<!doctype html><title>portal</title>")
            .put("ui/shell/app.js", "console.log('app');")
            .put("ui/shell/portal/sw.js", "self.addEventListener('fetch', () => {});");
    private final FolderFiles example = FolderFiles.temp()
            .put("web/visitors.js", "export {};")
            .put("web/i18n/en.json", "{\"example.a\": \"Visitors\", \"example.b\": \"Badge\"}")
            .put("web/i18n/fr.json", "{\"example.a\": \"Visiteurs\"}")
            .put("secret.txt", "outside the resource root");
    private final UiContributions contributions = new UiContributions(bundle -> example);
    /** The core's HTTP policy as shipped: no trusted proxy, HSTS for a year. */
    private WebServlet servlet = new WebServlet(own, contributions,
            new HttpPolicy(ProxyTrust.none(), 1024 * 1024, 31_536_000));
    /** Whether the test request came over TLS, and from which peer. */
    private boolean secure;
    private String peer = "127.0.0.1";

    public WebServletTest() {
        contributions.add(7, new UiContribution() {
            @Override
            public String id() {
                return "example";
            }

            @Override
            public String resourceRoot() {
                return "/web";
            }

            @Override
            public List<UiPage> pages() {
                return List.of(new UiPage("/visitors", "visitors.js", "example-visitor-log", "example.page.visitors",
                        "example.visit.view", "clinical", 50));
            }
        }, null);
    }

    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String path, String... headerPairs) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i].toLowerCase(), headerPairs[i + 1]);
        }
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "isSecure" -> secure;
                    case "getRemoteAddr" -> peer;
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    case "getHeaders" -> headers.containsKey(((String) a[0]).toLowerCase())
                            ? Collections.enumeration(List.of(headers.get(((String) a[0]).toLowerCase())))
                            : Collections.emptyEnumeration();
                    case "getServletPath" -> "";
                    case "getPathInfo" -> path;
                    case "getMethod" -> "GET";
                    case "getHeader" -> headers.get(((String) a[0]).toLowerCase());
                    default -> null;
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                answer.body.write(b);
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setHeader" -> answer.headers.put((String) a[0], (String) a[1]);
                        case "setContentType" -> answer.headers.put("Content-Type", (String) a[0]);
                        case "setStatus" -> answer.status = (Integer) a[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.doGet(req, resp);
        return answer;
    }

    private static void assertSecurityHeaders(Answer a) {
        String csp = a.headers.get("Content-Security-Policy");
        assertTrue(csp, csp.contains("script-src 'self';"));
        assertTrue(csp, csp.contains("default-src 'self'"));
        assertTrue(csp, csp.contains("object-src 'none'"));
        assertTrue(csp, csp.contains("frame-ancestors 'none'"));
        assertTrue(csp, csp.contains("base-uri 'self'"));
        assertTrue(csp, csp.contains("form-action 'self'"));
        assertTrue(csp, csp.contains("img-src 'self' data: blob:"));
        assertTrue(csp, csp.contains("connect-src 'self'"));
        assertFalse(csp, csp.contains("unsafe-inline"));
        assertFalse(csp, csp.contains("unsafe-eval"));
        assertEquals("nosniff", a.headers.get("X-Content-Type-Options"));
        assertEquals("no-referrer", a.headers.get("Referrer-Policy"));
        assertEquals("DENY", a.headers.get("X-Frame-Options"));
    }

    @Test
    public void staffRoutesGetTheStaffShellNeverStored() throws IOException {
        for (String route : List.of("/", "/patients", "/chart", "/no/such/page")) {
            Answer a = get(route);
            assertEquals(route, 200, a.status);
            assertEquals("<!doctype html><title>staff</title>", a.text());
            assertEquals("text/html; charset=utf-8", a.headers.get("Content-Type"));
            assertEquals("no-store", a.headers.get("Cache-Control"));
            assertSecurityHeaders(a);
        }
    }

    @Test
    public void pagesOverHttpsAskBrowsersToStayOnHttps() throws IOException {
        secure = true;
        for (String route : List.of("/", "/portal", "/ui/shell/app.js", "/no/such/file.js")) {
            assertEquals(route, "max-age=31536000", get(route).headers.get("Strict-Transport-Security"));
        }
    }

    @Test
    public void noHstsOverPlainHttpNorForAProtoHeaderFromAnUntrustedPeer() throws IOException {
        assertNull(get("/").headers.get("Strict-Transport-Security"));
        // Anyone can write X-Forwarded-Proto: with no proxy trusted it changes nothing.
        Answer spoofed = get("/", "X-Forwarded-Proto", "https");
        assertNull(spoofed.headers.get("Strict-Transport-Security"));
        assertSecurityHeaders(spoofed);
    }

    @Test
    public void aTrustedProxySayingHttpsGetsHsts() throws IOException {
        servlet = new WebServlet(own, contributions, new HttpPolicy(ProxyTrust.of("127.0.0.1"), 1024 * 1024, 600));
        assertEquals("max-age=600", get("/portal", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9")
                .headers.get("Strict-Transport-Security"));
        assertNull(get("/portal", "X-Forwarded-Proto", "http").headers.get("Strict-Transport-Security"));
        peer = "198.51.100.7"; // not the proxy
        assertNull(get("/portal", "X-Forwarded-Proto", "https").headers.get("Strict-Transport-Security"));
    }

    @Test
    public void hstsSwitchedOffSendsNone() throws IOException {
        servlet = new WebServlet(own, contributions, new HttpPolicy(ProxyTrust.none(), 1024 * 1024, 0));
        secure = true;
        assertNull(get("/").headers.get("Strict-Transport-Security"));
    }

    @Test
    public void portalRoutesGetThePortalShell() throws IOException {
        assertEquals("<!doctype html><title>portal</title>", get("/portal").text());
        assertEquals("<!doctype html><title>portal</title>", get("/portal/record").text());
    }

    @Test
    public void theWorkerMayControlThePortal() throws IOException {
        Answer a = get("/portal/sw.js");
        assertEquals(200, a.status);
        assertEquals("/portal", a.headers.get("Service-Worker-Allowed"));
        assertEquals("text/javascript; charset=utf-8", a.headers.get("Content-Type"));
    }

    @Test
    public void assetsRevalidateByETag() throws IOException {
        Answer a = get("/ui/shell/app.js");
        assertEquals(200, a.status);
        assertEquals("console.log('app');", a.text());
        assertEquals("no-cache", a.headers.get("Cache-Control"));
        String etag = a.headers.get("ETag");
        assertTrue(etag, etag.startsWith("\"") && etag.endsWith("\""));
        assertSecurityHeaders(a);

        Answer again = get("/ui/shell/app.js", "If-None-Match", etag);
        assertEquals(304, again.status);
        assertEquals(0, again.body.size());
    }

    @Test
    public void aReinstalledBundlesFilesShowAtOnce() throws IOException {
        String before = get("/ui/c/example/visitors.js").headers.get("ETag");
        example.put("web/visitors.js", "export const changed = true;");
        example.touch(); // the bundle was updated: new revision
        Answer a = get("/ui/c/example/visitors.js", "If-None-Match", before);
        assertEquals(200, a.status);
        assertEquals("export const changed = true;", a.text());
        assertNotEquals(before, a.headers.get("ETag"));
    }

    @Test
    public void gzipWhenAcceptedAndWorthIt() throws IOException {
        Answer plain = get("/ui/lib/lit-html/lit-html.js");
        assertEquals(BIG_JS, plain.text());
        assertNull(plain.headers.get("Content-Encoding"));

        Answer gz = get("/ui/lib/lit-html/lit-html.js", "Accept-Encoding", "br, gzip;q=0.8");
        assertEquals("gzip", gz.headers.get("Content-Encoding"));
        assertEquals("Accept-Encoding", gz.headers.get("Vary"));
        assertNotEquals(plain.headers.get("ETag"), gz.headers.get("ETag"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body.toByteArray()))) {
            assertArrayEquals(BIG_JS.getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertEquals(304, get("/ui/lib/lit-html/lit-html.js", "Accept-Encoding", "gzip",
                "If-None-Match", gz.headers.get("ETag")).status);

        // Small files and a refused gzip go as they are.
        assertNull(get("/ui/shell/app.js", "Accept-Encoding", "gzip").headers.get("Content-Encoding"));
        assertNull(get("/ui/lib/lit-html/lit-html.js", "Accept-Encoding", "gzip;q=0").headers.get("Content-Encoding"));
    }

    @Test
    public void contributionFilesComeFromTheirResourceRootOnly() throws IOException {
        assertEquals("export {};", get("/ui/c/example/visitors.js").text());
        assertEquals(404, get("/ui/c/example/../secret.txt").status);
        assertEquals(404, get("/ui/c/example/secret.txt").status);
        assertEquals(404, get("/ui/c/example/i18n").status);
        assertEquals(404, get("/ui/c/other/visitors.js").status);
    }

    @Test
    public void mergedMessagesFallBackToEnglish() throws IOException {
        Answer fr = get("/ui/c/example/messages/fr.json");
        assertEquals(200, fr.status);
        assertEquals("{\"example.a\":\"Visiteurs\",\"example.b\":\"Badge\"}", fr.text());
        assertEquals("application/json; charset=utf-8", fr.headers.get("Content-Type"));
        assertEquals("no-cache", fr.headers.get("Cache-Control"));
        assertEquals("{\"example.a\":\"Visitors\",\"example.b\":\"Badge\"}",
                get("/ui/c/example/messages/de.json").text());
    }

    @Test
    public void aRemovedContributionAnswers404() throws IOException {
        assertEquals(200, get("/ui/c/example/visitors.js").status);
        contributions.remove(7);
        assertEquals(404, get("/ui/c/example/visitors.js").status);
        assertEquals(404, get("/ui/c/example/messages/en.json").status);
    }

    @Test
    public void unknownFilesAre404WithoutHtmlFallback() throws IOException {
        for (String path : List.of("/favicon.ico", "/ui/shell/nope.js", "/ui/lib/nope/x.js", "/ui/lib/lit-html/x.js",
                "/ui/anything", "/patients/x.css", "/ui/shell/../shell/app.js")) {
            Answer a = get(path);
            assertEquals(path, 404, a.status);
            assertFalse(path, a.text().contains("<!doctype"));
            assertEquals("no-store", a.headers.get("Cache-Control"));
            assertSecurityHeaders(a);
        }
    }

    @Test
    public void theRealShellHtmlHasNoInlineScriptsOrHandlers() throws IOException {
        for (String page : List.of("index.html", "portal.html", "offline.html")) {
            String html = Files.readString(Path.of("src/main/resources/ui/shell", page));
            assertFalse(page, html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"));
            assertFalse(page, html.matches("(?s).*\\son[a-z]+\\s*=.*"));
            assertFalse(page, html.contains("style="));
        }
    }

    @Test
    public void acceptEncodingAndIfNoneMatchParsing() {
        assertTrue(WebServlet.acceptsGzip("gzip, deflate"));
        assertTrue(WebServlet.acceptsGzip("GZIP"));
        assertFalse(WebServlet.acceptsGzip("br"));
        assertFalse(WebServlet.acceptsGzip("gzip;q=0.0"));
        assertFalse(WebServlet.acceptsGzip(null));
        assertTrue(WebServlet.matches("\"a\", \"b\"", "\"b\""));
        assertTrue(WebServlet.matches("W/\"b\"", "\"b\""));
        assertFalse(WebServlet.matches("\"a\"", "\"b\""));
    }
}
