package org.pavilion.emr.internal.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.GroupCommitter;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDirectory;

/**
 * Group commit of the directory's patient writes, on core's {@link GroupCommitter}. Feed threads (one per HL7
 * connection) queue their work and wait; one thread runs everything queued in one transaction, as each work's own
 * caller, and commits once. Registrations
 * take the MRN counter's row lock until their commit, so one at a time they were bounded by one commit each; in a
 * group they share the lock and the commit. Nothing is weakened: a thread returns only after the commit holding
 * its work. A work refused for its content before writing anything ({@link Refused}) fails alone and the group goes
 * on; any other failure rolls the group back and each work is run again in a transaction of its own, so one bad
 * message fails only its own sender.
 */
final class DirectoryCommitter implements AutoCloseable {

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

        Job(Caller caller, Function<EntityManager, Applied> work) {
            this.caller = caller;
            this.work = work;
        }
    }

    /** A job's outcome in its group: applied, or refused before it wrote anything. */
    private record Outcome(Applied applied, Refused refused) {
    }

    private final JpaTransactions jpa;
    private final GroupCommitter<Job, Outcome> committer;

    DirectoryCommitter(JpaTransactions jpa) {
        this.jpa = jpa;
        this.committer = new GroupCommitter<>("pavilion-emr-directory-commit", MAX_BATCH, this::commit);
    }

    /** Queues {@code work} and returns once the transaction holding it committed; rethrows what it threw. */
    Applied submit(Function<EntityManager, Applied> work) {
        Outcome o;
        try {
            o = committer.submit(new Job(CallerContext.current().orElse(null), work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (o.refused() != null) {
            throw o.refused().why();
        }
        return o.applied();
    }

    /** Commits and works so far: works / commits is the mean group size. */
    long[] statistics() {
        return new long[] {committer.commits(), committer.works()};
    }

    /** One transaction for the group, each work as its caller; a refused work writes nothing and fails alone. */
    private List<Outcome> commit(List<Job> group) {
        return jpa.call(em -> {
            List<Outcome> out = new ArrayList<>(group.size());
            for (Job job : group) {
                try {
                    out.add(new Outcome(as(job, em), null));
                } catch (Refused r) {
                    out.add(new Outcome(null, r));
                }
            }
            return out;
        });
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

    /** Stops taking work; the group being committed finishes, queued work fails. */
    @Override
    public void close() {
        committer.close();
    }
}
