package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;
import org.pavilion.core.api.http.TransportSecurity;

/**
 * The guest's page as a visitor without an account gets it: the shell's strict headers, never cached, only external
 * scripts, and nothing but the page itself under its path.
 */
public class GuestPageTest {

    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;

    @Test
    public void thePageComesWithTheShellsHeadersAndNoInlineCode() throws Exception {
        get(null, true);
        assertEquals(200, status);
        assertEquals(GuestPage.CSP, headers.get("Content-Security-Policy"));
        assertTrue(headers.get("Content-Security-Policy").contains("script-src 'self';"));
        assertEquals("no-store", headers.get("Cache-Control"));
        assertEquals("no-referrer", headers.get("Referrer-Policy"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("max-age=31536000", headers.get(TransportSecurity.HSTS_HEADER));
        String html = body.toString(StandardCharsets.UTF_8);
        assertTrue(html.contains("<telemedicine-guest>"));
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int external = 0;
        while (scripts.find()) {
            assertTrue("only external scripts: " + scripts.group(), scripts.group(1).contains("src=\"/ui/c/telemedicine/"));
            assertTrue("no inline code: " + scripts.group(), scripts.group(2).isBlank());
            external++;
        }
        assertEquals(1, external);
        assertFalse("no inline style", html.contains("style=") || html.contains("<style"));
    }

    @Test
    public void nothingElseLivesUnderThePageAndPlainHttpHasNoHsts() throws Exception {
        get("/anything.js", false);
        assertEquals(404, status);
        assertEquals("the headers still come", GuestPage.CSP, headers.get("Content-Security-Policy"));
        assertFalse(headers.containsKey(TransportSecurity.HSTS_HEADER));
        assertEquals(0, body.size());
    }

    private void get(String pathInfo, boolean secure) throws Exception {
        TransportSecurity transport = new TransportSecurity() {
            @Override
            public boolean isSecure(HttpServletRequest request) {
                return secure;
            }

            @Override
            public Optional<String> strictTransportSecurity(HttpServletRequest request) {
                return secure ? Optional.of("max-age=31536000") : Optional.empty();
            }

            @Override
            public String clientAddress(HttpServletRequest request) {
                return "127.0.0.1";
            }
        };
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getPathInfo" -> pathInfo;
                    case "getMethod" -> "GET";
                    default -> null;
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                // blocking test stream
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                        case "sendError" -> status = (Integer) a[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                            // content type and length: not under test
                        }
                    }
                    return null;
                });
        new GuestPage.Page(GuestPage.page(), transport).doGet(req, resp);
    }
}
