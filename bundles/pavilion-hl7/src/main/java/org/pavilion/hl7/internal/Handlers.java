package org.pavilion.hl7.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.pavilion.hl7.api.Hl7Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The departments' handlers by message type, as the hub tracks them (whiteboard). Reading is one map lookup on a
 * snapshot (the listener threads' path); registering rebuilds the snapshot. For a type two handlers name, the one
 * with the higher service ranking, then the lower service id, takes it whatever the order they came in; the other
 * is refused for it (logged) and takes it over if the first goes away.
 */
public final class Handlers {

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);
    /** {@code TYPE^TRIGGER} or {@code TYPE^*}: three letters or digits each, as in HL7 tables 0076 and 0003. */
    private static final Pattern KEY = Pattern.compile("[A-Z0-9]{3}\\^([A-Z0-9]{3}|\\*)");
    /** Who would take a message type nobody handles: the answer names the department to install. */
    private static final Map<String, String> DEPARTMENTS = Map.of("ADT", "EMR", "SIU", "scheduling", "ORU",
            "laboratory", "ORM", "laboratory", "OML", "laboratory", "DFT", "billing", "RDE", "pharmacy", "RDS",
            "pharmacy");
    private static final Comparator<Registration> PRECEDENCE = Comparator
            .comparingInt((Registration r) -> -r.ranking).thenComparingLong(r -> r.serviceId);

    /** One registered handler: its service ranking and id decide precedence; its types are read once. */
    public record Registration(Hl7Handler handler, String department, Set<String> types, int ranking,
            long serviceId) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private volatile Map<String, Registration> byType = Map.of();
    /** Message types (MSH-9.1) someone takes at least one trigger of. */
    private volatile Map<String, Set<String>> triggersByType = Map.of();
    private long anonymousIds = Long.MAX_VALUE / 2;

    /** Adds a handler; {@code ranking} and {@code serviceId} as its service properties say. */
    public synchronized Registration add(Hl7Handler handler, int ranking, long serviceId) {
        Set<String> types = new LinkedHashSet<>();
        String department;
        try {
            department = handler.department();
            for (String t : handler.messageTypes()) {
                String key = t == null ? "" : t.strip();
                if (KEY.matcher(key).matches()) {
                    types.add(key);
                } else {
                    LOG.warn("HL7 handler of {} names '{}', which is not a message type such as SIU^S12 or ORU^*: "
                            + "ignored", department, t);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("HL7 handler {} cannot say its department and types: not registered", handler, e);
            return null;
        }
        Registration r = new Registration(handler, department == null || department.isBlank() ? "unnamed department"
                : department.strip(), Set.copyOf(types), ranking, serviceId);
        registrations.add(r);
        rebuild();
        Set<String> refused = new TreeSet<>();
        for (String t : r.types) {
            if (byType.get(t) != r) {
                refused.add(t);
                LOG.warn("HL7 {}: the handler of {} is refused, {} takes it", t, r.department,
                        byType.get(t).department);
            }
        }
        Set<String> taken = new TreeSet<>(r.types);
        taken.removeAll(refused);
        if (!taken.isEmpty()) {
            LOG.info("HL7 handler of {} takes {}", r.department, taken);
        }
        return r;
    }

    /** For tests: a handler with ranking 0 and ids in the order added. */
    public synchronized Registration add(Hl7Handler handler) {
        return add(handler, 0, anonymousIds++);
    }

    public synchronized void remove(Hl7Handler handler) {
        if (registrations.removeIf(r -> r.handler == handler)) {
            rebuild();
            LOG.info("HL7 handler {} removed; its types now go to {}", handler, byType.isEmpty() ? "nobody"
                    : new TreeSet<>(byType.keySet()));
        }
    }

    private void rebuild() {
        List<Registration> ordered = new ArrayList<>(registrations);
        ordered.sort(PRECEDENCE);
        Map<String, Registration> types = new HashMap<>();
        Map<String, Set<String>> triggers = new HashMap<>();
        for (Registration r : ordered) {
            for (String t : r.types) {
                if (types.putIfAbsent(t, r) == null) {
                    triggers.computeIfAbsent(t.substring(0, 3), k -> new TreeSet<>()).add(t);
                }
            }
        }
        byType = Map.copyOf(types);
        Map<String, Set<String>> frozen = new HashMap<>();
        triggers.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        triggersByType = Map.copyOf(frozen);
    }

    /** The handler for {@code type^trigger}: an exact entry, else the type's wildcard; null when none. */
    public Registration find(String type, String trigger) {
        Map<String, Registration> now = byType;
        Registration r = now.get(type + "^" + trigger);
        return r != null ? r : now.get(type + "^*");
    }

    /** The types handled for message type {@code type} (e.g. ADT^A01, ADT^A04), empty when none. */
    public Set<String> handled(String type) {
        return triggersByType.getOrDefault(type, Set.of());
    }

    /** Whether a stored message of {@code typeAndTrigger} (as stored, ADT^A04) has a handler now. */
    public boolean handles(String typeAndTrigger) {
        int caret = typeAndTrigger.indexOf('^');
        return caret < 0 ? false : find(typeAndTrigger.substring(0, caret), typeAndTrigger.substring(caret + 1)) != null;
    }

    /** The department that would take message type {@code type} (MSH-9.1), null when we know none. */
    public static String departmentFor(String type) {
        return DEPARTMENTS.get(type);
    }
}
