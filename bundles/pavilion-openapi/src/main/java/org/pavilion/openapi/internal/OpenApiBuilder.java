package org.pavilion.openapi.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

import org.pavilion.core.api.rest.RestDirectory.PublishedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OpenAPI 3 document of a set of published resources with swagger-core's reader: paths at their full
 * address ({@code /api/v1/emr/patients/...}), one tag per department, the three ways to authenticate and the
 * platform's problem+json answers. Pure: the same resources give the same document.
 */
final class OpenApiBuilder {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String UNAVAILABLE = "ServiceUnavailable";
    static final String BEARER = "bearer";
    static final String SESSION = "session";
    static final String BASIC = "basic";
    /** Document extension listing the published addresses the reader could not describe (see the log for why). */
    static final String UNDESCRIBED_EXTENSION = "x-pavilion-undescribed";

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiBuilder.class);

    private OpenApiBuilder() {
    }

    static OpenAPI build(List<PublishedResource> resources, String version) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Pavilion REST API").version(version).description(
                        "The REST resources of the departments installed in this Pavilion container, as published now. "
                        + "Sign in with POST /api/v1/auth/login for a bearer token. Errors are RFC 7807 "
                        + "application/problem+json documents with a stable `type`."))
                .components(components())
                .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(SESSION),
                        new SecurityRequirement().addList(BASIC)));
        PavilionReader reader = new PavilionReader(new SwaggerConfiguration().openAPI(base).prettyPrint(true));
        List<PublishedResource> ordered = new ArrayList<>(resources);
        ordered.sort(Comparator.comparing(PublishedResource::address));
        TreeSet<String> modules = new TreeSet<>();
        List<String> undescribed = new ArrayList<>();
        for (PublishedResource resource : ordered) {
            try {
                reader.read(resource);
                modules.add(resource.module());
            } catch (RuntimeException | LinkageError e) {
                // One resource the reader cannot take must not cost the description of all the others.
                LOG.warn("OpenAPI: resource {} of module {} ({}) left out: {}", resource.address(), resource.module(),
                        resource.resourceClass().getName(), e.toString());
                undescribed.add(resource.address());
            }
        }
        OpenAPI api = reader.getOpenAPI();
        List<Tag> tags = new ArrayList<>();
        modules.forEach(m -> tags.add(new Tag().name(m)));
        api.setTags(tags);
        if (!undescribed.isEmpty()) {
            api.addExtension(UNDESCRIBED_EXTENSION, undescribed);
        }
        if (api.getPaths() != null) {
            // Sorted by path, so the document reads like a directory and diffs stay small.
            Paths sorted = new Paths();
            new TreeMap<>(api.getPaths()).forEach(sorted::addPathItem);
            api.setPaths(sorted);
        }
        return api;
    }

    private static Components components() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 7807 problem details")
                .addProperty("type", new StringSchema().description("stable identifier of the kind of problem"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema());
        return new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The token of POST /api/v1/auth/login"))
                .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE).name("pavilion_session")
                        .description("The web UI's session cookie (POST /api/v1/auth/session); a POST, PUT, PATCH or "
                                + "DELETE made with it must carry the header X-Pavilion-Request"))
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Only for accounts holding platform.auth.basic (feeds and legacy systems)"))
                .addSchemas(PROBLEM, problem)
                .addResponses(PROBLEM, problemResponse("Refused or invalid request"))
                .addResponses(UNAUTHORIZED, problemResponse("No valid credentials"))
                .addResponses(FORBIDDEN, problemResponse("The caller lacks the privilege, or may not see this patient"))
                .addResponses(UNAVAILABLE, problemResponse("The database is unavailable; retry after Retry-After seconds"));
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
