package org.pavilion.hl7.internal.route;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The running {@code pavilion-hl7:inbound} consumers, woken when the hub has committed a message answered AA. The
 * messages themselves are read from the store by each consumer after its own cursor, so waking only signals: it
 * never waits for a route, and a consumer that misses a wake-up finds the message on its next poll.
 */
public class InboundTopic {

    private final CopyOnWriteArrayList<InboundConsumer> consumers = new CopyOnWriteArrayList<>();

    public void wake() {
        for (InboundConsumer c : consumers) {
            c.wake();
        }
    }

    void subscribe(InboundConsumer consumer) {
        consumers.add(consumer);
    }

    void unsubscribe(InboundConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Consumers running now (for tests and the shell). */
    public int subscribers() {
        return consumers.size();
    }

    /** Route ids of the consumers running now. */
    public Set<String> runningRoutes() {
        Set<String> ids = new TreeSet<>();
        consumers.forEach(c -> ids.add(c.routeId()));
        return ids;
    }
}
