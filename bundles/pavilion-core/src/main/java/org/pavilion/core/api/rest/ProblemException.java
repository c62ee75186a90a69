package org.pavilion.core.api.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An error a REST resource throws to answer with an RFC 7807 {@code application/problem+json} body. The
 * {@code type} is a stable URI clients can switch on, e.g. {@code urn:pavilion:problem:validation}.
 */
@ProviderType
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String TYPE_PREFIX = "urn:pavilion:problem:";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type.startsWith("urn:") || type.startsWith("http") ? type : TYPE_PREFIX + type;
        this.title = title;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static ProblemException validation(String detail) {
        return new ProblemException(400, "validation", "Invalid request", detail);
    }

    /**
     * 422: a body that parses but does not fit (an unknown code, an amount above a balance, a negative price).
     *
     * @since 2.1
     */
    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "validation", "Unprocessable request", detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", what + " not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() { return status; }
    public String type() { return type; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public Map<String, Object> extensions() { return extensions; }
}
