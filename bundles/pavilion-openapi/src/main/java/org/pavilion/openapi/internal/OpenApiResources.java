package org.pavilion.openapi.internal;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * GET /api/v1/platform/openapi.json and .yaml: the OpenAPI document of the installed departments, for signed-in
 * callers holding {@value #PRIVILEGE} only (no anonymous API description). Revalidated by ETag.
 */
public final class OpenApiResources {

    static final String PRIVILEGE = "platform.api.read";

    private OpenApiResources() {
    }

    static Response answer(byte[] body, String type, String etag, String ifNoneMatch) {
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", "private, no-cache").build();
        }
        return Response.ok(body, type).header("ETag", etag).header("Cache-Control", "private, no-cache").build();
    }

    /** The document as JSON (what Swagger UI reads). */
    @Component(service = Json.class, property = Endpoints.REST_BASE + "=/platform/openapi.json")
    @Path("/")
    @RequiresPrivilege(PRIVILEGE)
    public static class Json {
        private final OpenApiDocument document;

        @Activate
        public Json(@Reference OpenApiDocument document) {
            this.document = document;
        }

        @GET
        public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
            OpenApiDocument.Rendered r = document.current();
            return answer(r.json(), "application/json; charset=utf-8", r.jsonEtag(), ifNoneMatch);
        }
    }

    /** The same document as YAML. */
    @Component(service = Yaml.class, property = Endpoints.REST_BASE + "=/platform/openapi.yaml")
    @Path("/")
    @RequiresPrivilege(PRIVILEGE)
    public static class Yaml {
        private final OpenApiDocument document;

        @Activate
        public Yaml(@Reference OpenApiDocument document) {
            this.document = document;
        }

        @GET
        public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
            OpenApiDocument.Rendered r = document.current();
            return answer(r.yaml(), "application/yaml; charset=utf-8", r.yamlEtag(), ifNoneMatch);
        }
    }
}
