package org.pavilion.core.api.rest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The whiteboard contract of the platform's HTTP surface. A department registers its JAX-RS resource or
 * JAX-WS implementor as an OSGi service with one of these properties; the platform publishes it with
 * authentication, JSON and problem+json error mapping, and withdraws it when the service goes away.
 */
@ProviderType
public final class Endpoints {

    /**
     * On a JAX-RS resource service: its base path below {@code /api/v1}, e.g. {@code /example}
     * publishes the resource at {@code /api/v1/example}. Every resource method names the privilege it needs
     * with {@code @RequiresPrivilege} or is {@code @PublicEndpoint}; otherwise the resource is not published.
     */
    public static final String REST_BASE = "pavilion.rest.base";

    /**
     * On a JAX-WS implementor service: its address below {@code /api/soap}, e.g.
     * {@code /example/ExampleService} publishes at {@code /api/soap/example/ExampleService?wsdl}. Every
     * operation names its privilege with {@code @RequiresPrivilege}, or the service is not published.
     */
    public static final String SOAP_ADDRESS = "pavilion.soap.address";

    private Endpoints() {
    }
}
