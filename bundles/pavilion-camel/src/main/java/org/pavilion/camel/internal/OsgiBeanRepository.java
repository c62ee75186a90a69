package org.pavilion.camel.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pavilion.camel.api.CamelServices;

/** Camel's view of the OSGi service registry: beans by {@code camel.name}, or by type. */
final class OsgiBeanRepository implements BeanRepository {

    private final BundleContext context;
    private final Map<ServiceReference<?>, Object> gotten = new ConcurrentHashMap<>();

    OsgiBeanRepository(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object lookupByName(String name) {
        return lookupByNameAndType(name, Object.class);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        for (ServiceReference<?> ref : references(null, "(" + CamelServices.NAME + "=" + escape(name) + ")")) {
            Object service = get(ref);
            if (type.isInstance(service)) {
                return type.cast(service);
            }
        }
        return null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> found = new HashMap<>();
        for (ServiceReference<?> ref : references(type.getName(), null)) {
            Object service = get(ref);
            if (type.isInstance(service)) {
                Object name = ref.getProperty(CamelServices.NAME);
                found.put(name != null ? name.toString() : "osgi-service-" + ref.getProperty("service.id"), type.cast(service));
            }
        }
        return found;
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return new HashSet<>(findByTypeWithName(type).values());
    }

    private ServiceReference<?>[] references(String clazz, String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(clazz, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            return new ServiceReference<?>[0];
        } catch (IllegalStateException stopping) {
            return new ServiceReference<?>[0];
        }
    }

    private Object get(ServiceReference<?> ref) {
        Object service = gotten.get(ref);
        if (service == null) {
            service = context.getService(ref);
            if (service != null) {
                gotten.put(ref, service);
            }
        }
        return service;
    }

    /** Lets go of a service that left the registry. */
    void forget(ServiceReference<?> ref) {
        if (gotten.remove(ref) != null) {
            try {
                context.ungetService(ref);
            } catch (IllegalStateException ignored) {
                // our bundle is stopping
            }
        }
    }

    void close() {
        gotten.keySet().forEach(this::forget);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
