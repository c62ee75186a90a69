package org.pavilion.core.internal.rest;

import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as problem+json; never a stack trace. A database that is down, overloaded or too slow (a lock
 * or statement timeout, an exhausted pool) is a 503 with Retry-After, not a 500: the request can be repeated.
 */
public final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    public static final class Problem implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return problem(e);
        }
    }

    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String detail = e instanceof InvalidFormatException
                    ? "Invalid value " + ((InvalidFormatException) e).getValue() + " at " + path((InvalidFormatException) e)
                    : "The request body is not valid JSON for this resource: " + e.getOriginalMessage();
            return Problems.response(400, "malformed-json", "Malformed request body", detail);
        }

        private static String path(InvalidFormatException e) {
            StringBuilder sb = new StringBuilder();
            e.getPath().forEach(ref -> sb.append(sb.length() == 0 ? "" : ".")
                    .append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]"));
            return sb.toString();
        }
    }

    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original == null ? 500 : original.getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? "HTTP " + status : type.getReasonPhrase();
            String detail = status >= 500 ? null : e.getMessage();
            Response.ResponseBuilder b = Response.fromResponse(Problems.response(status,
                    title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, detail));
            if (original != null && original.getHeaderString("Allow") != null) {
                b.header("Allow", original.getHeaderString("Allow"));
            }
            return b.build();
        }
    }

    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            ProblemException nested = find(e);
            if (nested != null) {
                return problem(nested);
            }
            String unavailable = org.pavilion.core.api.persistence.DatabaseUnavailable.why(e);
            if (unavailable != null) {
                // The cause's message may quote the statement or the values: only its kind is logged.
                LOG.warn("Answering 503: the database is unavailable or too slow ({})", unavailable);
                return problem(new ServiceUnavailableException(
                        "The database is temporarily unavailable or too slow; try again shortly."));
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("Unexpected error, incident {}", incident, e);
            return Problems.response(500, "internal", "Internal error",
                    "The request failed; quote incident " + incident + " to the administrator.",
                    java.util.Map.of("incident", incident));
        }

        /** A problem thrown inside a JPA transaction may arrive wrapped. */
        private static ProblemException find(Throwable e) {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof ProblemException) {
                    return (ProblemException) t;
                }
            }
            return null;
        }
    }

    /** The problem's response; a 503 carries its Retry-After header. */
    static Response problem(ProblemException p) {
        if (p instanceof ServiceUnavailableException u) {
            return Response.status(p.status()).type(Problems.PROBLEM_JSON_TYPE)
                    .entity(Problems.entity(Problems.body(p.status(), p.type(), p.title(), p.detail(), p.extensions())))
                    .header("Retry-After", String.valueOf(u.retryAfterSeconds())).build();
        }
        return Problems.response(p);
    }
}
