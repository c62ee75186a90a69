package org.pavilion.camel.api;

/**
 * How bundles plug into the container's one CamelContext (registered as an OSGi service of type
 * {@code org.apache.camel.CamelContext}, name {@value #CONTEXT_NAME}).
 * <ul>
 * <li>Routes: register any {@code org.apache.camel.RoutesBuilder} as an OSGi service; its routes run while
 * the service is registered and are removed when it goes away.</li>
 * <li>Beans and components: register a service with {@value #NAME} set; routes find it by that name
 * ({@code bean:ward-board}, or a component scheme such as {@code pavilion-event:}).</li>
 * <li>Route files: YAML or XML DSL files in {@code etc/routes/} are loaded, reloaded and removed live.</li>
 * </ul>
 */
public final class CamelServices {

    /** Service property naming a bean or component for Camel's registry. */
    public static final String NAME = "camel.name";

    public static final String CONTEXT_NAME = "pavilion";

    private CamelServices() {
    }
}
