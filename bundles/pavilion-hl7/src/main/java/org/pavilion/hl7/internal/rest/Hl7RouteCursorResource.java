package org.pavilion.hl7.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.MessageStore;

/**
 * REST at /api/v1/hl7/routes for integrators: where each route consuming {@code pavilion-hl7:inbound} has got to
 * (its cursor), whether it runs now, and how many accepted messages lie after its cursor: a route that is down,
 * or slower than the feeds, shows a growing count. No patient data: not audited.
 */
@Component(service = Hl7RouteCursorResource.class, property = Endpoints.REST_BASE + "=/hl7/routes")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class Hl7RouteCursorResource {

    private final Hl7Hub hub;

    @Activate
    public Hl7RouteCursorResource(@Reference Hl7Hub hub) {
        this.hub = hub;
    }

    /** One route's position. */
    public static class RoutePosition {
        public String routeId;
        public boolean running;
        /** The last accept_seq the route was given. */
        public long cursor;
        /** Accepted messages after the cursor, of every type (the route may take only some of them). */
        public long behind;
        public long cursorMovedMs;
    }

    /** The newest accept_seq and every route's position. */
    public static class Positions {
        public long lastAcceptSeq;
        public List<RoutePosition> routes = new ArrayList<>();
    }

    @GET
    @RequiresPrivilege("hl7.route.view")
    public Positions list() {
        MessageStore store = hub.store();
        Set<String> running = hub.inbound().runningRoutes();
        Positions out = new Positions();
        out.lastAcceptSeq = store.lastAcceptSeq();
        for (MessageStore.RouteCursor c : store.routeCursors()) {
            RoutePosition p = new RoutePosition();
            p.routeId = c.routeId();
            p.running = running.contains(c.routeId());
            p.cursor = c.lastSeq();
            p.behind = Math.max(0, out.lastAcceptSeq - c.lastSeq());
            p.cursorMovedMs = c.updatedMs();
            out.routes.add(p);
        }
        return out;
    }
}
