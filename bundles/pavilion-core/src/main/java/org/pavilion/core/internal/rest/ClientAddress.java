package org.pavilion.core.internal.rest;

import javax.servlet.http.HttpServletRequest;

/**
 * The client of an HTTP request as {@link HttpPolicy#origin} resolved it (behind a trusted proxy: the forwarded
 * address), remembered on the request by whoever resolved it first so everything that takes a client address
 * (authentication, the login throttle, audit records) sees the same one.
 */
public final class ClientAddress {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    private ClientAddress() {
    }

    /** Resolves once per request and remembers the answer. */
    public static ProxyTrust.Origin resolve(HttpServletRequest request, HttpPolicy policy) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof ProxyTrust.Origin) {
            return (ProxyTrust.Origin) known;
        }
        ProxyTrust.Origin origin = policy.origin(request);
        request.setAttribute(ATTRIBUTE, origin);
        return origin;
    }

    /** The client address resolved for this request; the direct peer if nothing resolved it (never the headers). */
    public static String of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        return known instanceof ProxyTrust.Origin ? ((ProxyTrust.Origin) known).address() : request.getRemoteAddr();
    }

    /** Whether the client reached us over HTTPS (directly, or at a trusted proxy saying so). */
    public static boolean isSecure(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        return known instanceof ProxyTrust.Origin ? ((ProxyTrust.Origin) known).secure() : request.isSecure();
    }
}
