package org.pavilion.camel.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.RoutesBuilder;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routes of every {@link RoutesBuilder} service, whichever bundle registered it, while that
 * service is registered; removes exactly those routes when it goes away.
 */
@Component(immediate = true, service = {})
public class RoutesWhiteboard {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesWhiteboard.class);

    private final RouteRegistry routes;
    /** Owner per service id: at unbind the reference may no longer name its bundle. */
    private final Map<Object, String> owners = new ConcurrentHashMap<>();

    @Activate
    public RoutesWhiteboard(@Reference CamelRuntime runtime) {
        this.routes = runtime.routes();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoutesBuilder(RoutesBuilder builder, ServiceReference<RoutesBuilder> ref) {
        String owner = ownerOf(ref);
        owners.put(ref.getProperty(Constants.SERVICE_ID), owner);
        try {
            routes.add(owner, List.of(builder));
        } catch (Exception e) {
            // None of its routes stay; the bundle can be fixed and restarted.
            LOG.error("Routes of {} could not be started and none of them run", owner, e);
        }
    }

    void removeRoutesBuilder(RoutesBuilder builder, ServiceReference<RoutesBuilder> ref) {
        String owner = owners.remove(ref.getProperty(Constants.SERVICE_ID));
        if (owner != null) {
            routes.remove(owner);
        }
    }

    /** The contributing bundle, plus the service id because one bundle may register several builders. */
    static String ownerOf(ServiceReference<?> ref) {
        return ref.getBundle().getSymbolicName() + " #" + ref.getProperty(Constants.SERVICE_ID);
    }
}
