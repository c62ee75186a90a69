package org.pavilion.core.api.http;

import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's HTTPS and client-address rules for servlets that answer outside the REST/SOAP server (the web UI's
 * pages) and for public endpoints that record who called: whether a request reached us over HTTPS, directly or at a
 * trusted reverse proxy that says so in {@code X-Forwarded-Proto}, the {@code Strict-Transport-Security} value to send
 * then, and the client's address behind trusted proxies. One implementation in the core, configured by PID
 * {@code org.pavilion.core.http} ({@code trustedProxies}, {@code hstsMaxAgeSeconds}), so pages and API answers
 * follow the same settings.
 */
@ProviderType
public interface TransportSecurity {

    String HSTS_HEADER = "Strict-Transport-Security";

    /** Whether the client reached us over HTTPS; forwarded headers count only from a trusted proxy. */
    boolean isSecure(HttpServletRequest request);

    /** The HSTS header value for this request's answer: empty over plain HTTP or when HSTS is switched off. */
    Optional<String> strictTransportSecurity(HttpServletRequest request);

    /**
     * The client's address as the audit trail and the login throttle record it: the rightmost {@code X-Forwarded-For}
     * hop that is not itself a trusted proxy when the request came through one, else the direct peer. The same answer
     * the REST server's authentication resolved for the request, also for a public endpoint called without
     * credentials.
     *
     * @since 1.1
     */
    String clientAddress(HttpServletRequest request);
}
