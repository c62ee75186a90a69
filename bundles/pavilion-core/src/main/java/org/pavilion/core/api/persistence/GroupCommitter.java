package org.pavilion.core.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.core.api.rest.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's one group commit, for writes that many threads make at once and that each must see committed
 * before they answer (an HL7 ACK, a feed's registration, an audit record). The audit trail, the HL7 hub's message
 * store and the EMR directory use it; a department with a busy writer of its own (an analyser feed) may too.
 *
 * <p>Callers hand in their work and wait; one committer thread takes everything queued (at most {@code maxGroup}
 * works, and never waits for more to arrive: a lone work costs one commit and no added latency), has the
 * {@link Group} run it in one transaction with one commit, and only then releases each caller with its own result.
 * Under load many callers share one commit (one disk flush). Durability is not traded:
 * <ul>
 * <li>a caller returns only after the commit holding its work, also when its thread is interrupted meanwhile
 * (the interrupt is kept for later), so it never answers for a work that may still be committed;</li>
 * <li>if a group throws, each of its works is run again in a group of its own, so one bad work fails only its
 * own caller; unless the failure says the database is unavailable or too slow ({@link DatabaseUnavailable}):
 * then every caller of the group fails at once;</li>
 * <li>{@link #close()} refuses new work and drains: what was handed in before is still committed (within
 * {@link #DRAIN_MILLIS}; what is left then fails, uncommitted).</li>
 * </ul>
 * The queue is bounded ({@link #DEFAULT_CAPACITY} or the capacity given): when that many works already wait, a
 * caller is refused at once with a {@link ServiceUnavailableException} (503 with Retry-After) instead of queueing
 * behind a database that has stopped answering, so threads and memory stay bounded.
 *
 * @param <W> a caller's work
 * @param <R> its result
 */
@ProviderType
public final class GroupCommitter<W, R> implements AutoCloseable {

    /** How long {@link #close()} lets the committer commit the works handed in before it. */
    public static final long DRAIN_MILLIS = 10_000;

    /** Works that may wait at once when a user does not choose: a few seconds of a busy hospital's writes. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** What a refused caller is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** What a group is: run the works in one transaction and commit it. */
    @FunctionalInterface
    @ConsumerType
    public interface Group<W, R> {
        /**
         * Runs {@code works} in one transaction and commits it; returns their results in the same order. Throwing
         * means nothing of the group was committed: its works are then run again one per group.
         */
        List<R> commit(List<W> works) throws Exception;
    }

    private static final class Pending<W, R> {
        final W work;
        final CompletableFuture<R> done = new CompletableFuture<>();

        Pending(W work) {
            this.work = work;
        }
    }

    private final String name;
    private final int maxGroup;
    private final Group<W, R> group;
    private final int capacity;
    /** One more than the capacity, room for {@link #close()}'s wake-up. */
    private final LinkedBlockingQueue<Pending<W, R>> queue;
    /** Queued by {@link #close()} so the committer notices at once; never part of a group. */
    private final Pending<W, R> wakeUp = new Pending<>(null);
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong works = new AtomicLong();
    /** The last submit was refused for a full queue (logged once until one is taken again). */
    private volatile boolean full;
    /** No new work is taken; the committer drains the queue. */
    private volatile boolean closed;
    /** The committer takes nothing more: whatever is queued fails. */
    private volatile boolean stopped;

    /**
     * Starts the committer thread {@code name}; at most {@code maxGroup} works share a transaction, so a burst
     * does not become one huge commit.
     */
    public GroupCommitter(String name, int maxGroup, Group<W, R> group) {
        this(name, maxGroup, DEFAULT_CAPACITY, group);
    }

    /**
     * As {@link #GroupCommitter(String, int, Group)}, with at most {@code capacity} works waiting; more are
     * refused at once.
     *
     * @since 2.3
     */
    public GroupCommitter(String name, int maxGroup, int capacity, Group<W, R> group) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1, was " + maxGroup);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.name = name;
        this.maxGroup = maxGroup;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity + 1);
        this.group = group;
        this.committer = new Thread(this::loop, name);
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Hands in {@code work} and returns its result once the transaction holding it committed. Throws what the
     * work's own group threw (after the retry alone), or an {@link IllegalStateException} when this committer is
     * closed, or a {@link ServiceUnavailableException} at once when {@link #capacity()} works already wait: in
     * every such case nothing of the work is committed.
     */
    public R submit(W work) throws Exception {
        if (closed) {
            throw closedException();
        }
        Pending<W, R> p = new Pending<>(work);
        if (queue.size() >= capacity || !queue.offer(p)) {
            if (!full) { // once per episode, not once per refused caller
                full = true;
                LOG.warn("Group commit {} is full ({} works wait); refusing new works with 503", name, capacity);
            }
            throw new ServiceUnavailableException("Too many writes are waiting; try again shortly",
                    RETRY_AFTER_SECONDS);
        }
        if (stopped) {
            failPending(); // the committer ended after our check: nobody else will
        }
        full = false;
        return await(p);
    }

    /** Waits for the committer's answer; an interrupt does not cut the wait short (see the class comment). */
    private R await(Pending<W, R> p) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception) {
                        throw (Exception) cause;
                    }
                    throw (Error) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Works that may wait at once; more are refused. */
    public int capacity() {
        return capacity;
    }

    /** Works waiting for the committer now. */
    public int queued() {
        return queue.size();
    }

    /** Commits made so far; {@link #works()} / commits is the mean group size. */
    public long commits() {
        return commits.get();
    }

    /** Works committed so far. */
    public long works() {
        return works.get();
    }

    private void loop() {
        List<Pending<W, R>> batch = new ArrayList<>();
        try {
            while (!stopped) {
                Pending<W, R> first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null || first == wakeUp) {
                    if (closed && queue.isEmpty()) {
                        break; // drained
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxGroup - 1);
                if (closed) {
                    batch.removeIf(p -> p == wakeUp); // only close() queues it
                }
                try {
                    run(batch);
                } catch (RuntimeException | Error unexpected) {
                    LOG.error("Group commit {} failed unexpectedly", name, unexpected);
                    batch.forEach(p -> p.done.completeExceptionally(unexpected));
                } finally {
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            failPending();
        }
    }

    private void run(List<Pending<W, R>> batch) {
        try {
            commit(batch);
            return;
        } catch (Exception | Error e) {
            if (batch.size() == 1) {
                batch.get(0).done.completeExceptionally(e);
                return;
            }
            if (DatabaseUnavailable.why(e) != null) {
                // Not one bad work but the database: one by one, each would wait for the same timeout again.
                batch.forEach(p -> p.done.completeExceptionally(e));
                return;
            }
            LOG.warn("Group commit {} of {} works failed ({}); running them one by one", name, batch.size(),
                    e.toString());
        }
        for (Pending<W, R> p : batch) {
            run(List.of(p));
        }
    }

    private void commit(List<Pending<W, R>> batch) throws Exception {
        List<W> in = new ArrayList<>(batch.size());
        batch.forEach(p -> in.add(p.work));
        List<R> results = group.commit(in);
        commits.incrementAndGet();
        if (results == null || results.size() != batch.size()) {
            // Committed, but a result is missing: a bug in the group. Never run it again (that would apply twice).
            IllegalStateException bug = new IllegalStateException("group commit " + name + " returned "
                    + (results == null ? "no" : results.size()) + " results for " + batch.size() + " works");
            batch.forEach(p -> p.done.completeExceptionally(bug));
            return;
        }
        works.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(results.get(i));
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(name + " is closed");
    }

    private void failPending() {
        List<Pending<W, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done.completeExceptionally(closedException()));
    }

    /**
     * Stops taking work and drains: the works handed in before are committed and their callers answered; then the
     * committer thread ends. After {@link #DRAIN_MILLIS} the committer stops after its current group and what is
     * still queued fails (nothing of it committed).
     */
    @Override
    public void close() {
        closed = true;
        queue.offer(wakeUp); // a full queue wakes the committer anyway
        try {
            committer.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (committer.isAlive()) {
            LOG.warn("Group commit {} did not drain {} works within {} ms; they fail", name, queue.size(),
                    DRAIN_MILLIS);
        }
        stopped = true;
        failPending();
    }
}
