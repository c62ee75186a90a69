package org.pavilion.core.api.http;

import javax.servlet.http.HttpServletResponse;

/**
 * The security headers of an HTML page served outside CXF (the web shell, a department's public page, Swagger UI),
 * so every page of the platform refuses the same things: a content security policy of the page's own, no MIME
 * sniffing, no Referer, no framing, no opener across origins. Caching and HSTS ({@link TransportSecurity}) are the
 * page's to decide.
 *
 * @since 1.2
 */
public final class PageHeaders {

    private PageHeaders() {
    }

    /**
     * Sets the headers on a page's response.
     *
     * @param resp                  the response, before its body is written
     * @param contentSecurityPolicy the page's policy, e.g. {@code default-src 'self'; frame-ancestors 'none'}
     */
    public static void set(HttpServletResponse resp, String contentSecurityPolicy) {
        resp.setHeader("Content-Security-Policy", contentSecurityPolicy);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }
}
