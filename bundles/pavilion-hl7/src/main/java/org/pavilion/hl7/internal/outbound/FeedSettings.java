package org.pavilion.hl7.internal.outbound;

import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pavilion.core.api.retry.Backoff;

/**
 * A feed's configuration, checked: a feed with a version HAPI cannot build, an unknown event or a nonsense
 * timeout does not start (the component fails to activate and logs why) rather than queueing what it cannot send.
 */
public record FeedSettings(String name, String host, int port, String version, Set<String> events,
        String sendingApplication, String sendingFacility, String receivingApplication, String receivingFacility,
        String mrnAuthority, String processingId, Charset charset, int ackTimeoutMs, int connectTimeoutMs,
        Backoff backoff, int maxAttempts, long pollIntervalMs) {

    public static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.8");
    public static final Map<String, String> TRIGGERS = Map.of(
            AdtBuilder.PATIENT_REGISTERED, "A04", AdtBuilder.PATIENT_UPDATED, "A08", AdtBuilder.PATIENTS_MERGED, "A40");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    /** An event type as published on the bus; which department builds from it is known only when it arrives. */
    private static final String EVENT = "[A-Za-z][A-Za-z0-9_.-]{0,99}";

    public FeedSettings {
        require(name != null && name.matches(NAME), "feed name must match " + NAME + ", was '" + name + "'");
        require(host != null && !host.isBlank(), "host is required");
        require(port > 0 && port < 65536, "port must be 1..65535, was " + port);
        require(VERSIONS.contains(version), "version must be one of " + VERSIONS + ", was '" + version + "'");
        require(!events.isEmpty() && events.stream().allMatch(e -> e.matches(EVENT)),
                "events must be event type names such as " + TRIGGERS.keySet() + ", was " + events);
        require(ackTimeoutMs > 0 && connectTimeoutMs > 0, "ackTimeoutMs and connectTimeoutMs must be positive");
        require(maxAttempts > 0, "maxAttempts must be positive, was " + maxAttempts);
        require(pollIntervalMs >= 10, "pollIntervalMs must be at least 10, was " + pollIntervalMs);
        require(processingId != null && !processingId.isBlank(), "processingId is required");
    }

    public static FeedSettings from(String name, FeedConfig c) {
        Set<String> events = new LinkedHashSet<>();
        for (String e : c.events().split(",")) {
            if (!e.isBlank()) {
                events.add(e.strip());
            }
        }
        return new FeedSettings(name, c.host().strip(), c.port(), c.version().strip(), Set.copyOf(events),
                c.sendingApplication().strip(), c.sendingFacility().strip(), c.receivingApplication().strip(),
                c.receivingFacility().strip(), c.mrnAuthority().strip(), c.processingId().strip(),
                Charset.forName(c.charset().strip()), c.ackTimeoutMs(), c.connectTimeoutMs(),
                retry(c), c.maxAttempts(), c.pollIntervalMs());
    }

    private static Backoff retry(FeedConfig c) {
        require(c.retryInitialMs() > 0 && c.retryMaxMs() >= c.retryInitialMs(), "retryInitialMs must be positive and "
                + "retryMaxMs at least as large, were " + c.retryInitialMs() + " and " + c.retryMaxMs());
        return new Backoff(c.retryInitialMs(), c.retryMaxMs());
    }

    /** The event bus subscriber that queues this feed's messages. */
    public String subscriber() {
        return "hl7-feed-" + name;
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException("HL7 feed: " + why);
        }
    }
}
