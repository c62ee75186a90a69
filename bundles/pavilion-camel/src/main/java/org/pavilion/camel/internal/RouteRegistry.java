package org.pavilion.camel.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes routes on behalf of an owner (a bundle's RoutesBuilder service, a route file),
 * remembering which routes each owner brought so exactly those go away with it. A failed addition leaves
 * nothing behind, and an owner cannot take over a route id another owner already runs.
 */
public final class RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final CamelContext camel;
    private final Map<String, Set<String>> routesByOwner = new LinkedHashMap<>();

    public RouteRegistry(CamelContext camel) {
        this.camel = camel;
    }

    /** Adds and starts the builders' routes for {@code owner}; on failure removes whatever got added and rethrows. */
    public synchronized Set<String> add(String owner, List<RoutesBuilder> builders) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Callers are DS or scanner threads; Camel resolves DSL loaders and components through the TCCL.
        thread.setContextClassLoader(RouteRegistry.class.getClassLoader());
        Set<String> before = routeIds();
        try {
            for (RoutesBuilder b : builders) {
                refuseTakeover(b);
                camel.addRoutes(b);
            }
        } catch (Exception e) {
            Set<String> partial = routeIds();
            partial.removeAll(before);
            removeRoutes(partial);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        routesByOwner.computeIfAbsent(owner, k -> new LinkedHashSet<>()).addAll(added);
        LOG.info("Routes {} of {} started", added, owner);
        return added;
    }

    /** Stops and removes every route {@code owner} brought. */
    public synchronized Set<String> remove(String owner) {
        Set<String> ids = routesByOwner.remove(owner);
        if (ids == null) {
            return Set.of();
        }
        removeRoutes(ids);
        LOG.info("Routes {} of {} removed", ids, owner);
        return ids;
    }

    /** The owner that brought {@code routeId}, or "-" for a route added to the context directly. */
    public synchronized String ownerOf(String routeId) {
        for (Map.Entry<String, Set<String>> e : routesByOwner.entrySet()) {
            if (e.getValue().contains(routeId)) {
                return e.getKey();
            }
        }
        return "-";
    }

    public synchronized List<String> owners() {
        return new ArrayList<>(routesByOwner.keySet());
    }

    /**
     * Camel replaces a route whose id is added again; from a second owner that would silently hijack a
     * department's route, and its removal would later take the wrong one down.
     */
    private void refuseTakeover(RoutesBuilder builder) throws Exception {
        if (!(builder instanceof RouteBuilder)) {
            return;
        }
        // configureRoutes runs configure() once; addRoutes reuses the result.
        for (RouteDefinition def : ((RouteBuilder) builder).configureRoutes(camel).getRoutes()) {
            String id = def.getRouteId();
            if (id != null && camel.getRoute(id) != null) {
                throw new IllegalArgumentException("route id '" + id + "' is already used by " + ownerOf(id));
            }
        }
    }

    private void removeRoutes(Set<String> ids) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
                // The definition would otherwise stay in the model and come back on a context restart.
                RouteDefinition def = model.getRouteDefinition(id);
                if (def != null) {
                    model.removeRouteDefinition(def);
                }
            } catch (Exception e) {
                LOG.warn("Could not remove route {}", id, e);
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
