package org.pavilion.core.internal.rest;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.http.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP settings of configuration PID {@value #PID}: which reverse proxies are trusted, the JSON body cap and
 * HSTS. Changes apply to the next request.
 */
@Component(service = { HttpPolicy.class, TransportSecurity.class }, configurationPid = HttpPolicy.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpConfig.class)
public class HttpPolicy implements TransportSecurity {

    public static final String PID = "org.pavilion.core.http";
    static final long DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;
    static final long DEFAULT_HSTS_MAX_AGE_SECONDS = 31_536_000;
    public static final String HSTS_HEADER = TransportSecurity.HSTS_HEADER;

    private static final Logger LOG = LoggerFactory.getLogger(HttpPolicy.class);

    private volatile Settings settings;

    private record Settings(ProxyTrust proxies, long maxJsonBodyBytes, long hstsMaxAgeSeconds) {
    }

    @Activate
    public HttpPolicy(HttpConfig config) {
        apply(config);
    }

    /** Settings for tests and for use without Config Admin. */
    public HttpPolicy(ProxyTrust proxies, long maxJsonBodyBytes, long hstsMaxAgeSeconds) {
        settings = new Settings(proxies, maxJsonBodyBytes, hstsMaxAgeSeconds);
    }

    @Modified
    void modified(HttpConfig config) {
        apply(config);
    }

    private void apply(HttpConfig config) {
        ProxyTrust proxies;
        try {
            proxies = ProxyTrust.of(config.trustedProxies());
        } catch (IllegalArgumentException e) {
            // A typo must not make every forwarded header trusted: trust no proxy until it is fixed.
            LOG.error("{}: trustedProxies ignored, no proxy is trusted: {}", PID, e.getMessage());
            proxies = ProxyTrust.none();
        }
        long cap = config.maxJsonBodyBytes() > 0 ? config.maxJsonBodyBytes() : DEFAULT_MAX_JSON_BODY_BYTES;
        settings = new Settings(proxies, cap, Math.max(0, config.hstsMaxAgeSeconds()));
        LOG.info("HTTP: {} trusted prox{}, JSON bodies up to {} bytes, HSTS max-age {}", proxies.size(),
                proxies.size() == 1 ? "y" : "ies", cap, settings.hstsMaxAgeSeconds());
    }

    /** Who sent the request, believing forwarded headers only from a trusted proxy. */
    public ProxyTrust.Origin origin(HttpServletRequest request) {
        List<String> forwarded = request.getHeaders("X-Forwarded-For") == null ? List.of()
                : Collections.list(request.getHeaders("X-Forwarded-For"));
        return settings.proxies().resolve(request.getRemoteAddr(), forwarded,
                request.getHeader("X-Forwarded-Proto"), request.isSecure());
    }

    public long maxJsonBodyBytes() {
        return settings.maxJsonBodyBytes();
    }

    /** The HSTS header value for an answer over HTTPS, or null when HSTS is off. */
    public String hstsValue() {
        long age = settings.hstsMaxAgeSeconds();
        return age <= 0 ? null : "max-age=" + age;
    }

    @Override
    public boolean isSecure(HttpServletRequest request) {
        return ClientAddress.resolve(request, this).secure();
    }

    @Override
    public Optional<String> strictTransportSecurity(HttpServletRequest request) {
        String hsts = hstsValue();
        return hsts != null && isSecure(request) ? Optional.of(hsts) : Optional.empty();
    }

    @Override
    public String clientAddress(HttpServletRequest request) {
        return ClientAddress.resolve(request, this).address();
    }
}
