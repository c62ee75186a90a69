package org.pavilion.openapi.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;

import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.api.OpenAPIConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;

import org.pavilion.core.api.rest.RestDirectory.PublishedResource;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * swagger-core's JAX-RS reader, told where the platform published each resource (the class's own {@code @Path} is
 * relative to its {@code pavilion.rest.base}) and adding what the platform enforces and the annotations do not say:
 * the department as tag, the privilege each operation needs, public operations without security, and the
 * problem+json answers of the platform's filters.
 */
final class PavilionReader extends Reader {

    /** Operation extension naming the privilege the caller needs; absent on public operations. */
    static final String PRIVILEGE_EXTENSION = "x-pavilion-privilege";

    private String module;
    private Class<?> resourceClass;

    PavilionReader(OpenAPIConfiguration configuration) {
        super(configuration);
    }

    /** Adds the operations of one published resource, under its address, tagged with its module. */
    OpenAPI read(PublishedResource resource) {
        module = resource.module();
        resourceClass = resource.resourceClass();
        try {
            return read(resource.resourceClass(), resource.address(), null, false, null, null,
                    new LinkedHashSet<>(), new ArrayList<>(), new HashSet<>());
        } finally {
            module = null;
            resourceClass = null;
        }
    }

    @Override
    protected Operation parseMethod(Class<?> cls, Method method, List<io.swagger.v3.oas.models.parameters.Parameter>
            globalParameters, Produces methodProduces, Produces classProduces, Consumes methodConsumes,
            Consumes classConsumes, List<SecurityRequirement> classSecurityRequirements,
            Optional<io.swagger.v3.oas.models.ExternalDocumentation> classExternalDocs, Set<String> classTags,
            List<Server> classServers, boolean isSubresource, RequestBody parentRequestBody,
            ApiResponses parentResponses, JsonView jsonViewAnnotation,
            io.swagger.v3.oas.annotations.responses.ApiResponse[] classResponses, AnnotatedMethod annotatedMethod) {
        Operation operation = super.parseMethod(cls, method, globalParameters, methodProduces, classProduces,
                methodConsumes, classConsumes, classSecurityRequirements, classExternalDocs, classTags, classServers,
                isSubresource, parentRequestBody, parentResponses, jsonViewAnnotation, classResponses, annotatedMethod);
        if (operation != null) {
            describe(operation, method);
        }
        return operation;
    }

    private void describe(Operation operation, Method method) {
        if (module != null && (operation.getTags() == null || !operation.getTags().contains(module))) {
            operation.addTagsItem(module);
        }
        // Like the publisher's rule: an inherited method takes the published class's annotation.
        Class<?> type = resourceClass != null && method.getDeclaringClass().isAssignableFrom(resourceClass)
                ? resourceClass : method.getDeclaringClass();
        String privilege = privilegeOf(type, method);
        boolean open = privilege == null && isPublic(type, method);
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        if (open) {
            // An empty list: no credentials needed (one that is sent is still checked).
            operation.setSecurity(new ArrayList<>());
        } else {
            responses.putIfAbsent("401", ref(OpenApiBuilder.UNAUTHORIZED));
        }
        if (privilege != null) {
            operation.addExtension(PRIVILEGE_EXTENSION, privilege);
            String need = "Requires the privilege `" + privilege + "`.";
            operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank()
                    ? need : operation.getDescription() + "\n\n" + need);
            responses.putIfAbsent("403", ref(OpenApiBuilder.FORBIDDEN));
        }
        responses.putIfAbsent("4XX", ref(OpenApiBuilder.PROBLEM));
        responses.putIfAbsent("503", ref(OpenApiBuilder.UNAVAILABLE));
        operation.setResponses(responses);
    }

    private static ApiResponse ref(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    /** The privilege the platform enforces: the method's {@code @RequiresPrivilege}, else the class's. */
    static String privilegeOf(Class<?> type, Method method) {
        RequiresPrivilege own = method.getAnnotation(RequiresPrivilege.class);
        if (own != null) {
            return own.value();
        }
        if (method.isAnnotationPresent(PublicEndpoint.class)) {
            return null;
        }
        RequiresPrivilege onClass = type.getAnnotation(RequiresPrivilege.class);
        return onClass != null ? onClass.value() : null;
    }

    private static boolean isPublic(Class<?> type, Method method) {
        return method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class);
    }
}
