package org.pavilion.emr.internal.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of the directory's patient writes. Feed threads (one per HL7 connection) queue their work and wait;
 * one thread runs everything queued in one transaction, as each work's own caller, and commits once. Registrations
 * take the MRN counter's row lock until their commit, so one at a time they were bounded by one commit each; in a
 * group they share the lock and the commit. Nothing is weakened: a thread returns only after the commit holding
 * its work. A work refused for its content before writing anything ({@link Refused}) fails alone and the group goes
 * on; any other failure rolls the group back and each work is run again in a transaction of its own, so one bad
 * message fails only its own sender.
 */
final class DirectoryCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCommitter.class);
    /** Works in one transaction at most: a burst does not become one long-locked transaction. */
    static final int MAX_BATCH = 64;

    /** What a work did, and the audit records its caller writes once it is committed. */
    record Applied(PatientDirectory.Result result, List<AuditEvent> audit) {
    }

    /** The work's content is refused before it wrote anything: only this work fails, with {@link #getCause()}. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(RuntimeException why) {
            super(why.getMessage(), why, false, false);
        }

        RuntimeException why() {
            return (RuntimeException) getCause();
        }
    }

    private static final class Job {
        final Caller caller;
        final Function<EntityManager, Applied> work;
        final CompletableFuture<Applied> done = new CompletableFuture<>();
        Applied applied;

        Job(Caller caller, Function<EntityManager, Applied> work) {
            this.caller = caller;
            this.work = work;
        }
    }

    private final JpaTransactions jpa;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong works = new AtomicLong();
    private volatile boolean closed;

    DirectoryCommitter(JpaTransactions jpa) {
        this.jpa = jpa;
        this.committer = new Thread(this::loop, "pavilion-emr-directory-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Queues {@code work} and returns once the transaction holding it committed; rethrows what it threw. */
    Applied submit(Function<EntityManager, Applied> work) {
        Job job = new Job(CallerContext.current().orElse(null), work);
        if (closed) {
            throw stopped();
        }
        queue.add(job);
        if (closed) {
            failPending(); // raced with close()
        }
        try {
            return job.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the EMR's commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Refused) {
                throw ((Refused) cause).why();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Commits and works so far: works / commits is the mean group size. */
    long[] statistics() {
        return new long[] {commits.get(), works.get()};
    }

    private void loop() {
        List<Job> batch = new ArrayList<>();
        while (!closed) {
            try {
                Job first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error unexpected) {
                LOG.error("EMR directory group commit failed unexpectedly", unexpected);
                batch.forEach(j -> j.done.completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
        failPending();
    }

    private void run(List<Job> batch) {
        if (batch.size() > 1) {
            List<Job> refused = new ArrayList<>();
            try {
                jpa.run(em -> {
                    for (Job job : batch) {
                        try {
                            job.applied = as(job, em);
                        } catch (Refused r) {
                            refused.add(job);
                            job.done.completeExceptionally(r);
                        }
                    }
                });
                commits.incrementAndGet();
                works.addAndGet(batch.size());
                for (Job job : batch) {
                    if (!refused.contains(job)) {
                        job.done.complete(job.applied);
                    }
                }
                return;
            } catch (RuntimeException e) {
                LOG.info("EMR directory group of {} writes rolled back ({}); running them one by one", batch.size(),
                        e.toString());
                batch.removeAll(refused);
            }
        }
        for (Job job : batch) {
            try {
                job.done.complete(jpa.call(em -> as(job, em)));
                commits.incrementAndGet();
                works.incrementAndGet();
            } catch (RuntimeException | Error e) {
                job.done.completeExceptionally(e);
            }
        }
    }

    /** Runs the job's work as its caller (actor of the writes, their events and audit). */
    private static Applied as(Job job, EntityManager em) {
        if (job.caller == null) {
            return job.work.apply(em);
        }
        try {
            return CallerContext.runAs(job.caller, () -> job.work.apply(em));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException stopped() {
        return new IllegalStateException("the EMR directory is stopping");
    }

    private void failPending() {
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(j -> j.done.completeExceptionally(stopped()));
    }

    /** Stops taking work; the group being committed finishes, queued work fails. */
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
