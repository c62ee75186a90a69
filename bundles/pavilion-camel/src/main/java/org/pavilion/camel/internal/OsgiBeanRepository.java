package org.pavilion.camel.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.pavilion.camel.api.CamelServices;

/**
 * Camel's view of the OSGi service registry: {@code lookupByName(n)} returns the service registered with
 * {@code camel.name=n}; {@code findByType} returns services registered under that class. Services are
 * released as soon as they leave the registry, and {@code onNamedServiceGone} hears of named ones leaving
 * so the context can drop a cached component.
 */
final class OsgiBeanRepository implements BeanRepository, ServiceListener {

    private final BundleContext context;
    private final Consumer<String> onNamedServiceGone;
    private final Map<ServiceReference<?>, Object> used = new ConcurrentHashMap<>();

    OsgiBeanRepository(BundleContext context, Consumer<String> onNamedServiceGone) {
        this.context = context;
        this.onNamedServiceGone = onNamedServiceGone;
        context.addServiceListener(this);
    }

    @Override
    public Object lookupByName(String name) {
        return lookupByNameAndType(name, Object.class);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        // Highest ranking first, as getServiceReference would pick.
        for (ServiceReference<?> ref : sorted(references(null, "(" + CamelServices.NAME + "=" + escape(name) + ")"))) {
            Object service = get(ref);
            if (type.isInstance(service)) {
                return type.cast(service);
            }
        }
        return null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        for (ServiceReference<?> ref : sorted(references(type.getName(), null))) {
            Object service = get(ref);
            if (type.isInstance(service)) {
                Object name = ref.getProperty(CamelServices.NAME);
                found.putIfAbsent(name != null ? name.toString() : "osgi-service-" + ref.getProperty(Constants.SERVICE_ID),
                        type.cast(service));
            }
        }
        return found;
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return new LinkedHashSet<>(findByTypeWithName(type).values());
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.UNREGISTERING) {
            return;
        }
        ServiceReference<?> ref = event.getServiceReference();
        release(ref);
        Object name = ref.getProperty(CamelServices.NAME);
        if (name != null) {
            onNamedServiceGone.accept(name.toString());
        }
    }

    void close() {
        try {
            context.removeServiceListener(this);
        } catch (IllegalStateException stopping) {
            // the framework drops our listener with the bundle anyway
        }
        used.keySet().forEach(this::release);
    }

    private ServiceReference<?>[] references(String clazz, String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(clazz, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return new ServiceReference<?>[0];
        }
    }

    private static ServiceReference<?>[] sorted(ServiceReference<?>[] refs) {
        Arrays.sort(refs, Collections.reverseOrder());
        return refs;
    }

    private Object get(ServiceReference<?> ref) {
        // getService returns null for a service already gone; computeIfAbsent then stores nothing.
        return used.computeIfAbsent(ref, context::getService);
    }

    private void release(ServiceReference<?> ref) {
        if (used.remove(ref) != null) {
            try {
                context.ungetService(ref);
            } catch (IllegalStateException stopping) {
                // our bundle is stopping; the framework releases everything
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
