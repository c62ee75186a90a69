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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes routes on behalf of an owner (a bundle's RoutesBuilder, a route file), remembering which
 * routes each owner brought so exactly those go away with it. Failed additions leave nothing behind.
 */
public final class RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final CamelContext camel;
    private final Map<String, Set<String>> routesByOwner = new LinkedHashMap<>();

    public RouteRegistry(CamelContext camel) {
        this.camel = camel;
    }

    /** Adds the builders' routes for {@code owner}; on failure removes whatever got added and rethrows. */
    public synchronized Set<String> add(String owner, List<RoutesBuilder> builders) throws Exception {
        Set<String> before = routeIds();
        try {
            for (RoutesBuilder b : builders) {
                camel.addRoutes(b);
            }
        } catch (Exception e) {
            Set<String> partial = routeIds();
            partial.removeAll(before);
            removeRoutes(partial);
            throw e;
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

    private void removeRoutes(Set<String> ids) {
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove route {}", id, e);
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
