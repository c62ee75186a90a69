package org.pavilion.core.api.rest;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * 503: the platform cannot take this request now but will soon (a full commit queue, a database that is down or
 * too slow). Answered as problem+json of type {@code urn:pavilion:problem:service-unavailable} with a
 * {@code Retry-After} header of {@link #retryAfterSeconds()}; nothing of the request was committed.
 *
 * @since 2.2
 */
@ProviderType
public class ServiceUnavailableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public static final String TYPE = TYPE_PREFIX + "service-unavailable";

    /** What a client should wait before trying again when nothing better is known. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

    private final int retryAfterSeconds;

    public ServiceUnavailableException(String detail, int retryAfterSeconds) {
        super(503, TYPE, "Service temporarily unavailable", detail, Map.of("retryAfter", retryAfterSeconds));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public ServiceUnavailableException(String detail) {
        this(detail, DEFAULT_RETRY_AFTER_SECONDS);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
