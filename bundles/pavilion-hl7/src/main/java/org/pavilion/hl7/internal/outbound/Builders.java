package org.pavilion.hl7.internal.outbound;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pavilion.hl7.api.OutboundBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The departments' outbound builders by event type, as the hub tracks them. As with handlers, for an event type two
 * builders name, the higher service ranking, then the lower service id, builds; the other is refused (logged) and
 * takes over when the first goes away. Reading is one lookup on a snapshot.
 */
public final class Builders {

    private static final Logger LOG = LoggerFactory.getLogger(Builders.class);

    private record Registration(OutboundBuilder builder, String department, List<String> types, int ranking,
            long serviceId) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private volatile Map<String, OutboundBuilder> byType = Map.of();

    public synchronized void add(OutboundBuilder builder, int ranking, long serviceId) {
        Registration r;
        try {
            r = new Registration(builder, builder.department(), List.copyOf(builder.eventTypes()), ranking, serviceId);
        } catch (RuntimeException e) {
            LOG.warn("HL7 outbound builder {} cannot say its department and event types: not registered", builder, e);
            return;
        }
        registrations.add(r);
        rebuild();
        for (String t : r.types) {
            if (byType.get(t) != builder) {
                LOG.warn("HL7 outbound: event {} is built by another department; the builder of {} is refused for it",
                        t, r.department);
            }
        }
        LOG.info("HL7 outbound builder of {} builds from {}", r.department, r.types);
    }

    public synchronized void remove(OutboundBuilder builder) {
        if (registrations.removeIf(r -> r.builder == builder)) {
            rebuild();
        }
    }

    private void rebuild() {
        List<Registration> ordered = new ArrayList<>(registrations);
        ordered.sort(Comparator.comparingInt((Registration r) -> -r.ranking).thenComparingLong(r -> r.serviceId));
        Map<String, OutboundBuilder> types = new HashMap<>();
        for (Registration r : ordered) {
            for (String t : r.types) {
                types.putIfAbsent(t, r.builder);
            }
        }
        byType = Map.copyOf(types);
    }

    /** The builder for {@code eventType}; null when no installed department builds from it. */
    public OutboundBuilder find(String eventType) {
        return eventType == null ? null : byType.get(eventType);
    }
}
