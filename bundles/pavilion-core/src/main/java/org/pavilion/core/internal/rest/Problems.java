package org.pavilion.core.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.GenericEntity;
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
        return Response.status(status).type(PROBLEM_JSON_TYPE).entity(entity(body(status, type, title, detail, ext)))
                .build();
    }

    /**
     * The body as an entity typed {@code Map<String, Object>}: without the type, the JSON writer takes the failed
     * resource method's return type, and a method returning {@code Map<String, String>} broke off at the integer
     * {@code status}, leaving half a JSON document.
     */
    public static GenericEntity<Map<String, Object>> entity(Map<String, Object> body) {
        return new GenericEntity<Map<String, Object>>(body) {
        };
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
