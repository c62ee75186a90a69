package org.pavilion.core.api.rest;

/**
 * The whiteboard contract of the platform's HTTP surface. A department registers its JAX-RS resource or
 * JAX-WS implementor as an OSGi service with one of these properties; the platform publishes it with
 * authentication, JSON and problem+json error mapping, and withdraws it when the service goes away.
 */
public final class Endpoints {

    /**
     * On a JAX-RS resource service: its base path below {@code /api/v1}, e.g. {@code /example}
     * publishes the resource at {@code /api/v1/example}. Resources use {@code @RolesAllowed} to
     * restrict roles; without it any authenticated user may call them.
     */
    public static final String REST_BASE = "pavilion.rest.base";

    /**
     * On a JAX-WS implementor service: its address below {@code /api/soap}, e.g.
     * {@code /example/ExampleService} publishes at {@code /api/soap/example/ExampleService?wsdl}.
     */
    public static final String SOAP_ADDRESS = "pavilion.soap.address";

    /** On a REST resource: "true" lets unauthenticated callers in (login, health). Platform use only. */
    public static final String PUBLIC = "pavilion.rest.public";

    private Endpoints() {
    }
}
