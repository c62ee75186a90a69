package org.pavilion.core.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.pavilion.core.api.rest.ProblemException;

/** Builds RFC 7807 problem responses. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final MediaType PROBLEM_JSON_TYPE = MediaType.valueOf(PROBLEM_JSON);

    private Problems() {
    }

    public static Response response(ProblemException p) {
        return response(p.status(), p.type(), p.title(), p.detail(), p.extensions());
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, Map.of());
    }

    public static Response response(int status, String type, String title, String detail, Map<String, Object> ext) {
        Map<String, Object> body = body(status, type, title, detail, ext);
        return Response.status(status).type(PROBLEM_JSON_TYPE).entity(body).build();
    }

    public static Map<String, Object> body(int status, String type, String title, String detail, Map<String, Object> ext) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.startsWith("urn:") ? type : ProblemException.TYPE_PREFIX + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        ext.forEach(body::putIfAbsent);
        return body;
    }
}
