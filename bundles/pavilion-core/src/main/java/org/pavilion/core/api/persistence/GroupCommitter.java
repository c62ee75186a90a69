package org.pavilion.core.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for writes that many threads make at once and that each must see committed before they answer (an
 * HL7 ACK, a feed's registration). Callers hand in their work and wait; one committer thread takes everything
 * queued, has the {@link Group} run it in one transaction with one commit, and only then releases each caller with
 * its own result. Under load many callers share one commit (one disk flush); alone, a work still costs one commit.
 * Durability is not traded. If a group fails, each of its works is run again in a group of its own, so one bad
 * work fails only its own caller.
 *
 * @param <W> a caller's work
 * @param <R> its result
 */
public final class GroupCommitter<W, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** What a group is: run the works in one transaction and commit it. */
    @FunctionalInterface
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
    private final LinkedBlockingQueue<Pending<W, R>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong works = new AtomicLong();
    private volatile boolean closed;

    /**
     * Starts the committer thread {@code name}; at most {@code maxGroup} works share a transaction, so a burst
     * does not become one huge commit.
     */
    public GroupCommitter(String name, int maxGroup, Group<W, R> group) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1, was " + maxGroup);
        }
        this.name = name;
        this.maxGroup = maxGroup;
        this.group = group;
        this.committer = new Thread(this::loop, name);
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Hands in {@code work} and returns its result once the transaction holding it committed. Throws what the
     * work's own group threw (after the retry alone), or an {@link IllegalStateException} when this committer is
     * closed or the caller is interrupted: in every such case nothing of the work is committed.
     */
    public R submit(W work) throws Exception {
        Pending<W, R> p = new Pending<>(work);
        if (closed) {
            throw closedException();
        }
        queue.add(p);
        if (closed) {
            failPending(); // raced with close()
        }
        try {
            return p.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the commit of " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
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
        while (!closed) {
            try {
                Pending<W, R> first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxGroup - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error unexpected) {
                LOG.error("Group commit {} failed unexpectedly", name, unexpected);
                batch.forEach(p -> p.done.completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
        failPending();
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

    /** Stops taking work; the group being committed finishes, queued works fail (nothing of them committed). */
    @Override
    public void close() {
        closed = true;
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending();
    }
}
