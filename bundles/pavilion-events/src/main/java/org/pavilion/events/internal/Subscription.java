package org.pavilion.events.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.pavilion.events.api.Events;

/**
 * A subscriber and the event types it wants; no types means every type. {@code since} is when it was
 * first seen: it never gets events published before that.
 */
public record Subscription(String subscriber, Set<String> types, long since) {

    private static final Pattern NAME = Pattern.compile(Events.NAME_PATTERN);

    public Subscription {
        requireName(subscriber, "subscriber name");
        types.forEach(t -> requireName(t, "event type"));
        types = Set.copyOf(new TreeSet<>(types));
    }

    public boolean accepts(String eventType, long occurredMs) {
        return occurredMs >= since && (types.isEmpty() || types.contains(eventType));
    }

    /** The types as stored and as written in a URI: sorted, comma-separated, empty for all. */
    public String typesText() {
        return String.join(",", new TreeSet<>(types));
    }

    public static Set<String> parseTypes(String text) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return Set.of();
        }
        Set<String> types = new TreeSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(types::add);
        return types;
    }

    public static String requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + Events.NAME_PATTERN + ", was '" + name + "'");
        }
        return name;
    }
}
