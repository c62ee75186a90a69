package org.pavilion.hl7.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.pavilion.core.api.security.CallerContext;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound path of one message: decode (MSH-18), store, hand it to the department's {@link Hl7Handler} for its
 * type, store the outcome and the ACK, then answer; the ACK only once the outcome is committed. A message whose
 * only effect is one department transaction is stored with its outcome in that transaction (the EMR's A04 and
 * A08): one commit for the message, its outcome and its effect, so it is never applied without being stored, nor
 * stored as applied without its effect. Otherwise it is stored as RECEIVED and committed before the department
 * writes anything ({@link Completion#store}), and completed in the hub's own commit. A store failure throws, so the listener closes the connection without an ACK and the
 * sender retries. The per-message lock (sender and control id) spans the whole path, so a redelivery of a message
 * is answered with the stored ACK and not applied again; one still RECEIVED after its lock was released (the
 * container died before completing it) is processed by the redelivery or by start-up recovery, whichever comes
 * first.
 */
public class Hl7Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Processor.class);

    /** Versions whose HAPI structures pavilion-camel embeds. */
    public static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.8");
    /** Stripes of the per-message lock: enough that two different messages rarely wait for each other. */
    private static final int LOCK_STRIPES = 1024;

    private final MessageStore store;
    private final Handlers handlers;
    /** Told after an AA outcome committed: integrators' routes read the new message from the store. */
    private final Runnable accepted;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final AtomicLong ackCounter = new AtomicLong();
    private final AckClock clock = new AckClock();

    public Hl7Processor(MessageStore store, Handlers handlers) {
        this(store, handlers, () -> { });
    }

    public Hl7Processor(MessageStore store, Handlers handlers, Runnable accepted) {
        this.store = store;
        this.handlers = handlers;
        this.accepted = accepted;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** A listener's settings: charset without MSH-18, largest message accepted. */
    public record Settings(Charset defaultCharset, int maxMessageBytes) {
    }

    /** Processes one received message and returns the ACK bytes to send. */
    public byte[] receive(String listener, String remoteAddress, byte[] raw, Settings settings) {
        long startNanos = System.nanoTime();
        Charset charset = Hl7Text.charsetOf(raw, settings.defaultCharset());
        String text = new String(raw, charset);
        String normalised = Hl7Text.normalise(text);
        Hl7Text.Header header;
        Outcome early = null;
        try {
            header = Hl7Text.header(normalised);
        } catch (IllegalArgumentException noHeader) {
            header = new Hl7Text.Header('|', "^~\\&", "", "", "", "", "", "", "", "P", "2.5", "");
            early = Outcome.rejected(Ack.SEGMENT_SEQUENCE_ERROR, noHeader.getMessage());
        }
        StoredMessage m = new StoredMessage();
        m.listener = listener;
        m.remoteAddress = remoteAddress;
        m.sender = MessageStore.clip(header.sender(), 200);
        m.controlId = header.controlId().isEmpty() ? null : MessageStore.clip(header.controlId(), 200);
        m.messageType = MessageStore.clip(header.type(), 20);
        m.version = MessageStore.clip(header.version(), 10);
        m.charset = charset.name();
        m.sizeBytes = raw.length;
        m.receivedMs = System.currentTimeMillis();
        m.rawText = text;
        m.contentHash = MessageStore.contentHash(text); // of all of it, also when only the header is kept
        if (early == null && raw.length > settings.maxMessageBytes()) {
            // Only the header is kept: the point of the limit is not to store what is too large.
            int end = normalised.indexOf('\r');
            m.rawText = end < 0 ? normalised : normalised.substring(0, end + 1);
            early = Outcome.rejected(Ack.INTERNAL_ERROR, "message of " + raw.length + " bytes exceeds the limit of "
                    + settings.maxMessageBytes() + " bytes of this listener");
        }
        Hl7Text.Header h = header;
        Outcome given = early;
        // The lock spans store, processing and completion: a second copy of the message (a sender's retry on
        // another connection, or recovery after a restart) waits and then finds it completed.
        String ack = locked(lockKey(m.sender, m.controlId), () -> {
            try {
                return deliver(m, h, normalised, given, startNanos, given != null);
            } catch (MessageStore.AlreadyStored earlier) {
                // Stored by an earlier delivery whose container died before completing it: this is its redelivery.
                return deliver(m, h, normalised, given, startNanos, true);
            }
        });
        return ack.getBytes(charset);
    }

    /**
     * Stores, applies and completes one delivery; returns its ACK, or the original ACK of an earlier delivery that
     * was completed. Unless {@code storeFirst}, the message is stored by the department ({@link Joined}): with its
     * outcome in the department's transaction, or before the department writes on its own.
     */
    private String deliver(StoredMessage m, Hl7Text.Header h, String normalised, Outcome given, long startNanos,
            boolean storeFirst) {
        Joined joined = new Joined(m, h, startNanos);
        try {
            if (storeFirst) {
                joined.store();
            }
            Outcome o = given != null ? given : route(h, normalised, m.remoteAddress, joined);
            if (joined.ack != null) {
                return joined.ack;
            }
            joined.store(); // refused before anything was written: stored with its outcome now
            return complete(joined.id, h, o, startNanos);
        } catch (AlreadyAnswered original) {
            return original.ack;
        }
    }

    /**
     * Processes a PARKED or REJECTED message again from its stored (possibly edited) text; the sender was
     * answered long ago, so the new ACK is only stored. False when the message was not PARKED or REJECTED.
     */
    public boolean replay(String id) {
        return replay(id, MessageStore.Committer.PLAIN);
    }

    /**
     * As {@link #replay(String)}; the claim (PARKED or REJECTED to RECEIVED) is committed by {@code claim}, so the
     * caller's audit record of the replay commits with it. The outcome is then stored on the message's row.
     */
    public boolean replay(String id, MessageStore.Committer claim) {
        StoredMessage found = store.find(id);
        if (found == null) {
            return false;
        }
        return locked(lockKey(found.sender, found.controlId), () -> {
            if (!store.claimForReplay(id, claim)) {
                return false;
            }
            process(store.find(id));
            return true;
        });
    }

    /**
     * Start-up recovery: processes the messages stored before {@code startedMs} and never completed (the container
     * stopped or died between storing a message and answering it, so its sender got no ACK). Each is processed once,
     * under the same lock as a live delivery, so a sender's retry arriving meanwhile is answered with the outcome
     * rather than applied twice. A message of a type whose department is not installed (ADT without the EMR) is
     * left RECEIVED: recovery runs again when a handler comes, and answering AR "EMR not installed" to a message
     * the sender will retry would be final. Returns how many it did.
     */
    public int recover(long startedMs) {
        int recovered = 0;
        long afterMs = Long.MIN_VALUE;
        String afterId = "";
        while (true) {
            List<StoredMessage> page = store.unfinished(startedMs, afterMs, afterId, 100);
            if (page.isEmpty()) {
                return recovered;
            }
            for (StoredMessage m : page) {
                afterMs = m.receivedMs;
                afterId = m.id;
                if (waitsForDepartment(m)) {
                    continue;
                }
                boolean done = locked(lockKey(m.sender, m.controlId), () -> {
                    MessageStore.Receipt now = store.current(m.id);
                    if (now == null || !MessageStore.RECEIVED.equals(now.status())) {
                        return false; // a sender's retry completed it meanwhile
                    }
                    process(m);
                    return true;
                });
                if (done) {
                    recovered++;
                }
            }
        }
    }

    private boolean waitsForDepartment(StoredMessage m) {
        if (m.messageType == null || m.messageType.length() < 3
                || Handlers.departmentFor(m.messageType.substring(0, 3)) == null) {
            return false;
        }
        return handlers.handled(m.messageType.substring(0, 3)).isEmpty();
    }

    /** Routes a stored message (replay, recovery) and stores its outcome and ACK; the sender is not answered. */
    private void process(StoredMessage m) {
        long startNanos = System.nanoTime();
        String normalised = Hl7Text.normalise(m.rawText);
        Hl7Text.Header h;
        Outcome o;
        Joined joined = null;
        try {
            h = Hl7Text.header(normalised);
            joined = new Joined(m, h, startNanos);
            o = route(h, normalised, m.remoteAddress, joined);
        } catch (IllegalArgumentException noHeader) {
            h = new Hl7Text.Header('|', "^~\\&", "", "", "", "", "", "", "", "P", "2.5", "");
            o = Outcome.rejected(Ack.SEGMENT_SEQUENCE_ERROR, noHeader.getMessage());
        }
        if (joined == null || joined.ack == null) {
            complete(m.id, h, o, startNanos);
        }
    }

    private String complete(String id, Hl7Text.Header h, Outcome o, long startNanos) {
        String ack = Ack.build(h, o.ackCode(), o.text(), o.error(), o.warnings(), nextAckControlId(), clock.now());
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        store.complete(id, o.status(), o.ackCode(), ack, o.text(), o.summary(), System.currentTimeMillis(), elapsedMs);
        completed(h, o);
        return ack;
    }

    private void completed(Hl7Text.Header h, Outcome o) {
        if ("AA".equals(o.ackCode())) {
            wakeRoutes(h);
        } else {
            // The reason may quote the message's content (names, dates): it is in the stored ACK, not in the log.
            Ack.Error e = o.error();
            LOG.info("HL7 {} {} from {} answered {} (error {}{})", h.type(), h.controlId(), h.sender(), o.ackCode(),
                    e == null ? "-" : e.code(), e == null || e.segment() == null ? ""
                            : " at " + e.segment() + "-" + e.field());
        }
    }

    /**
     * The hub's side of a message being applied ({@link Completion}): its row, stored on {@link #store} or
     * inserted completed in the department's transaction; {@link #ack} is set once that commit returned (a
     * department retrying its transaction may call it more than once; the last call's row is the one committed).
     * Without it the hub completes the message in its own commit.
     */
    private final class Joined implements Completion {
        private final StoredMessage m;
        private final Hl7Text.Header h;
        private final long startNanos;
        /** The message's row once stored (a stored message's id from the start). */
        private volatile String id;
        private volatile String ack;

        Joined(StoredMessage m, Hl7Text.Header h, long startNanos) {
            this.m = m;
            this.h = h;
            this.startNanos = startNanos;
            this.id = m.id;
        }

        @Override
        public void store() {
            if (id != null) {
                return;
            }
            MessageStore.Receipt receipt = Hl7Processor.this.store.receive(m, reusedAck(h));
            if (receipt.reused()) {
                LOG.info("HL7 {} {} from {} answered AE: {} (parked)", h.type(), h.controlId(), h.sender(),
                        MessageStore.CONTROL_ID_REUSED);
                throw new AlreadyAnswered(receipt.ackText()); // stored PARKED with this AE, never applied
            }
            if (receipt.duplicate() && !MessageStore.RECEIVED.equals(receipt.status()) && receipt.ackText() != null) {
                throw new AlreadyAnswered(receipt.ackText()); // nothing applied again
            }
            // New, or stored by a delivery that never completed (the container died before its ACK): process.
            id = receipt.id();
        }

        @Override
        public void commit(Connection transaction, org.pavilion.hl7.api.Outcome outcome, Callable<Void> commit)
                throws Exception {
            Outcome o = Outcome.of(outcome);
            String text = Ack.build(h, o.ackCode(), o.text(), o.error(), o.warnings(), nextAckControlId(),
                    clock.now());
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            if (id != null) {
                Hl7Processor.this.store.completeWithin(transaction, id, o.status(), o.ackCode(), text, o.text(),
                        o.summary(), System.currentTimeMillis(), elapsedMs, commit);
            } else {
                id = Hl7Processor.this.store.storeCompletedWithin(transaction, m, o.status(), o.ackCode(), text,
                        o.text(), o.summary(), System.currentTimeMillis(), elapsedMs, commit);
            }
            ack = text;
            completed(h, o);
        }
    }

    /**
     * The AE for a message whose control id its sender used for other content: ERR at MSH-10, code 205 (duplicate
     * key identifier). Built before storing so the row is stored PARKED with it in the store's one commit.
     */
    private String reusedAck(Hl7Text.Header h) {
        return Ack.build(h, "AE", MessageStore.CONTROL_ID_REUSED, new Ack.Error("MSH", 1, 10, Ack.DUPLICATE_KEY),
                nextAckControlId(), clock.now());
    }

    /** An earlier delivery of the message was completed: its ACK is the answer, and nothing is applied again. */
    static final class AlreadyAnswered extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient String ack;

        AlreadyAnswered(String ack) {
            super("answered before", null, false, false);
            this.ack = ack;
        }
    }

    /** Wakes the routes reading accepted messages; never delays or fails the ACK (the outcome is committed). */
    private void wakeRoutes(Hl7Text.Header h) {
        try {
            accepted.run();
        } catch (RuntimeException e) {
            LOG.warn("HL7 {} {} from {} accepted; waking the routes failed (they find it on their next poll)",
                    h.type(), h.controlId(), h.sender(), e);
        }
    }

    /**
     * Which department takes the message: the handler registered for its type and trigger (or the type's wildcard);
     * AR for versions we do not read, events its department does not take, and types no installed department
     * handles, naming the department to install where we know it.
     */
    Outcome route(Hl7Text.Header h, String normalised, String remoteAddress, Completion completion) {
        if (!VERSIONS.contains(h.version())) {
            return Outcome.rejected(Ack.UNSUPPORTED_VERSION, "unsupported HL7 version '" + h.version()
                    + "'; supported: 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.8");
        }
        String type = h.messageType();
        Handlers.Registration handler = handlers.find(type, h.triggerEvent());
        if (handler == null) {
            Set<String> handled = handlers.handled(type);
            if (!handled.isEmpty()) {
                return Outcome.rejected(Ack.UNSUPPORTED_EVENT_CODE, "unsupported event " + h.type() + "; supported: "
                        + String.join(", ", handled));
            }
            String department = Handlers.departmentFor(type);
            if (department != null) {
                return Outcome.rejected(Ack.INTERNAL_ERROR, department + " not installed: " + h.type()
                        + " cannot be applied (no installed department handles it)");
            }
            return Outcome.rejected(Ack.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type '" + h.type()
                    + "': no installed department handles it");
        }
        return apply(h, handler.handler(), InboundMessage.parse(normalised), completion, remoteAddress);
    }

    /** Runs a department's handler as the feed's named INTEGRATION actor; its failures become AE (parked). */
    private Outcome apply(Hl7Text.Header h, Hl7Handler handler, InboundMessage message, Completion completion,
            String remoteAddress) {
        try {
            org.pavilion.hl7.api.Outcome o = CallerContext.runAs(Hl7Caller.of(h.sendingApplication(), remoteAddress),
                    () -> handler.handle(message, completion));
            if (o == null) {
                throw new IllegalStateException("the handler of " + h.type() + " returned no outcome");
            }
            return Outcome.of(o);
        } catch (Exception e) {
            rethrowHubsOwn(e);
            return failed(h, e);
        } catch (LinkageError e) {
            return failed(h, e);
        }
    }

    /**
     * Rethrows, however the department wrapped it, what is the hub's own and not the message's failure: a sign of a
     * redelivery, or the store failing to store the message (no ACK then: the sender retries).
     */
    private static void rethrowHubsOwn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AlreadyAnswered || t instanceof MessageStore.AlreadyStored
                    || t instanceof MessageStore.Hl7StoreException) {
                throw (RuntimeException) t;
            }
        }
    }

    /** A department's failure: AE with its content error, or AE "processing failed" (parked). */
    private static Outcome failed(Hl7Text.Header h, Throwable failure) {
        if (failure instanceof Hl7ContentException e) {
            return Outcome.error(Outcome.error(e.error()), e.getMessage());
        }
        LOG.warn("HL7 {} {} from {} failed", h.type(), h.controlId(), h.sender(), failure);
        return Outcome.error(Ack.Error.of(Ack.INTERNAL_ERROR), "processing failed: " + failure);
    }

    /** Messages without a control id cannot be duplicates of each other: they need no lock. */
    private static String lockKey(String sender, String controlId) {
        return controlId == null ? null : sender + "|" + controlId;
    }

    private <T> T locked(String key, Supplier<T> work) {
        if (key == null) {
            return work.get();
        }
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Short and unique in this run and across restarts: epoch ms and a counter, base 36. */
    private String nextAckControlId() {
        return "PAV" + Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                + Long.toString(ackCounter.incrementAndGet() % 1_679_616, 36).toUpperCase();
    }

}
