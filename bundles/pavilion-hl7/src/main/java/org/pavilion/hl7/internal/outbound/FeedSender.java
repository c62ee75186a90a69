package org.pavilion.hl7.internal.outbound;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feed's sender: one thread, owned by this object, that sends the queue's next message (see {@link SendOrder})
 * and records the answer. AA: SENT. AE/AR: the message waits out its back-off (other patients go on) and after
 * {@code maxAttempts} refusals is parked FAILED. No connection, timeout or an unreadable ACK: the receiver may
 * not have the message, so the whole feed pauses with a back-off of its own and then tries the same message
 * again; these never park a message (the receiver being down is not the message's fault).
 */
public class FeedSender {

    /** Where messages go: an MLLP connection in the container, a fake in unit tests. */
    public interface Link extends AutoCloseable {
        Delivery send(String text, String controlId);

        @Override
        void close();
    }

    /** Pending rows the ordering rule looks at per round; more are reached as earlier ones are sent. */
    static final int WINDOW = 500;
    private static final Logger LOG = LoggerFactory.getLogger(FeedSender.class);
    private static final int STOP_BOUND_SECONDS = 5;

    private final FeedSettings feed;
    private final OutboundStore store;
    private final Link link;
    private final Clock clock;
    private volatile boolean running = true;
    private ScheduledExecutorService executor;
    private int transportFailures;
    private long pausedUntil;

    public FeedSender(FeedSettings feed, OutboundStore store, Link link, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.link = link;
        this.clock = clock;
    }

    /** Starts the thread; a sender is started once and stopped once (a new configuration makes a new sender). */
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hl7-feed-" + feed.name());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::drain, 0, feed.pollIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the thread and closes the connection; a message in flight stays PENDING and is sent again later. Bounded:
     * a send stuck on a receiver that never answers (a TLS peer that stalls the handshake) holds the connection's lock
     * until its socket gives up, and the caller (Config Admin's single dispatcher thread, when a feed is removed) must
     * not wait for that; the connection is then closed in the background.
     */
    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
        Thread closer = new Thread(link::close, "hl7-feed-" + feed.name() + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(STOP_BOUND_SECONDS));
            if (closer.isAlive()) {
                LOG.warn("HL7 feed '{}': its connection did not close within {} s (a send in flight is stuck); "
                        + "it closes in the background when the socket gives up", feed.name(), STOP_BOUND_SECONDS);
            }
            if (executor != null && !executor.awaitTermination(STOP_BOUND_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("HL7 feed '{}': sender thread did not stop within {} s", feed.name(), STOP_BOUND_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until nothing is due; exceptions are logged, never end the schedule. */
    void drain() {
        try {
            while (running && sendNext()) {
                // next one
            }
        } catch (RuntimeException e) {
            LOG.warn("HL7 feed '{}': {}", feed.name(), e.toString());
        }
    }

    /** Sends one due message and records the answer; false when nothing was due or the receiver is unreachable. */
    boolean sendNext() {
        long now = clock.millis();
        if (now < pausedUntil) {
            return false;
        }
        List<SendOrder.Queued> pending = store.pending(feed.name(), WINDOW);
        Optional<SendOrder.Queued> next = SendOrder.next(pending, now);
        if (next.isEmpty()) {
            return false;
        }
        OutboundMessage m = store.find(next.get().id());
        if (m == null || !OutboundStore.PENDING.equals(m.status)) {
            return true;
        }
        Delivery d = link.send(m.messageText, m.controlId);
        if (!running) {
            return false; // stopped mid-send: the row stays PENDING as it was
        }
        now = clock.millis();
        switch (d.kind()) {
            case ACCEPTED -> {
                store.sent(m.id, d.ackCode(), d.ackText(), now);
                transportFailures = 0;
                return true;
            }
            case NEGATIVE -> {
                int attempts = m.attempts + 1;
                boolean park = attempts >= feed.maxAttempts();
                long due = now + feed.backoff().delayMs(attempts);
                store.attemptFailed(m.id, d.ackCode(), d.ackText(), d.error(), park, due, now);
                transportFailures = 0;
                LOG.warn("HL7 feed '{}': {} {} answered {} (attempt {}){}", feed.name(), m.messageType, m.controlId,
                        d.error(), attempts, park ? ", parked as FAILED" : "");
                return true;
            }
            default -> {
                transportFailures++;
                pausedUntil = now + feed.backoff().delayMs(transportFailures);
                store.attemptFailed(m.id, d.ackCode(), d.ackText(), d.error(), false, now, now);
                if (transportFailures == 1 || transportFailures % 10 == 0) {
                    LOG.warn("HL7 feed '{}' to {}:{}: {} (failure {} in a row, next try in {} ms)", feed.name(),
                            feed.host(), feed.port(), d.error(), transportFailures, pausedUntil - now);
                }
                return false;
            }
        }
    }
}
