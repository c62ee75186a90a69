package org.pavilion.camel.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How bundles plug into the container's one CamelContext, which is registered as an OSGi service of type
 * {@code org.apache.camel.CamelContext} with {@value #CONTEXT_NAME_PROPERTY}={@value #CONTEXT_NAME}.
 * <ul>
 * <li>Routes: register any {@code org.apache.camel.RoutesBuilder} as an OSGi service; its routes run while
 * the service is registered and exactly those routes are removed when it goes away.</li>
 * <li>Beans and components: register a service with {@value #NAME} set; routes find it by that name
 * ({@code bean:ward-board}, or a component scheme such as {@code pavilion-event:}).</li>
 * <li>Route files: YAML or XML DSL files in the route folder ({@code etc/routes/}) are loaded, reloaded
 * and removed live.</li>
 * </ul>
 */
@ProviderType
public final class CamelServices {

    /** Service property naming a bean or component for Camel's registry. */
    public static final String NAME = "camel.name";

    /** Name of the container's CamelContext. */
    public static final String CONTEXT_NAME = "pavilion";

    /** Service property of the CamelContext service carrying {@link #CONTEXT_NAME}. */
    public static final String CONTEXT_NAME_PROPERTY = "camel.context.name";

    /** Configuration PID of the Camel runtime. */
    public static final String PID = "org.pavilion.camel";

    private CamelServices() {
    }
}
