package org.pavilion.emr.internal.integration;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.GroupCommitter;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDirectory;
import org.slf4j.LoggerFactory;

/**
 * Group commit of the directory's patient writes, on core's {@link GroupCommitter}. Feed threads (one per HL7
 * connection) queue their work and wait; one thread runs everything queued in one transaction, as each work's own
 * caller, and commits once; a {@link GroupWork} may do works of one kind together (the directory registers the
 * new patients of a group with one query per key and one batch of inserts). Registrations
 * take the MRN counter's row lock until their commit, so one at a time they were bounded by one commit each; in a
 * group they share the lock and the commit. Nothing is weakened: a thread returns only after the commit holding
 * its work. A work refused for its content before writing anything ({@link Refused}) fails alone and the group goes
 * on; any other failure rolls the group back and each work is run again in a transaction of its own, so one bad
 * message fails only its own sender. The works' audit records are written in the group's transaction: a
 * registration and its record commit together.
 */
final class DirectoryCommitter implements AutoCloseable {

    /** Works in one transaction at most: a burst does not become one long-locked transaction. */
    static final int MAX_BATCH = 64;

    /** What a work did, and its audit records (committed with it, as the work's caller). */
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

    /**
     * A caller's work: {@code work} runs it alone in the group's transaction; {@code request} (may be null) is what
     * a {@link GroupWork} needs to do it together with others of its kind instead; {@code participant} (may be
     * null) commits the caller's own rows with it.
     */
    record Job(Caller caller, Function<EntityManager, Applied> work, Object request,
            CommittingDirectory.Participant participant) {

        /** Runs {@link #work} as the job's caller (actor of the writes, their events and audit). */
        Outcome runAlone(EntityManager em) {
            try {
                return new Outcome(as(caller, () -> work.apply(em)), null);
            } catch (Refused r) {
                return new Outcome(null, r);
            }
        }
    }

    /** A job's outcome in its group: applied, or refused before it wrote anything. */
    record Outcome(Applied applied, Refused refused) {
    }

    /**
     * Does a group's jobs in one transaction, outcomes in the order of the jobs; throwing rolls the group back
     * (each job then runs alone). {@link #ONE_BY_ONE} runs each job's own work in turn; a directory may instead
     * do jobs of one kind together (one query for all, one batch of inserts).
     */
    @FunctionalInterface
    interface GroupWork {
        List<Outcome> apply(EntityManager em, List<Job> group);
    }

    static final GroupWork ONE_BY_ONE = (em, group) -> {
        List<Outcome> out = new ArrayList<>(group.size());
        for (Job job : group) {
            out.add(job.runAlone(em));
        }
        return out;
    };

    /**
     * Writes a group's audit records on its transaction's connection and commits with {@code commit}, called once.
     * {@link #auditing} is the audit trail's own; a test records what would be written.
     */
    @FunctionalInterface
    interface AuditedCommit {
        void commit(Connection transaction, List<AuditEvent> events, Callable<Void> commit) throws Exception;
    }

    /**
     * The audit trail writes the records and holds its chain across the commit
     * ({@link AuditService#recordAllCommittingWith}): data and audit commit together, in one flush.
     */
    static AuditedCommit auditing(AuditService audit) {
        return (c, events, commit) -> {
            if (events.isEmpty()) {
                commit.call();
            } else {
                audit.recordAllCommittingWith(c, events, commit);
            }
        };
    }

    /** The committer thread's EntityManager, kept from group to group. */
    private final KeptTransactions kept;
    private final Function<EntityManager, Connection> connections;
    private final AuditedCommit auditedCommit;
    private final GroupWork groupWork;
    private final GroupCommitter<Job, Outcome> committer;

    /**
     * {@code connections} gives a transaction's JDBC connection handle ({@link JpaTransactions#connection}), for the
     * audit records and the participants' rows.
     */
    DirectoryCommitter(JpaTransactions jpa, Function<EntityManager, Connection> connections,
            AuditedCommit auditedCommit) {
        this(jpa, connections, auditedCommit, ONE_BY_ONE);
    }

    DirectoryCommitter(JpaTransactions jpa, Function<EntityManager, Connection> connections,
            AuditedCommit auditedCommit, GroupWork groupWork) {
        this.kept = new KeptTransactions(jpa.entityManagerFactory());
        this.connections = connections;
        this.auditedCommit = auditedCommit;
        this.groupWork = groupWork;
        this.committer = new GroupCommitter<>("pavilion-emr-directory-commit", MAX_BATCH, this::commit);
    }

    /** Queues {@code work} and returns once the transaction holding it committed; rethrows what it threw. */
    Applied submit(Function<EntityManager, Applied> work) {
        return submit(null, work, null);
    }

    /**
     * As {@link #submit(Function)}, with the request a {@link GroupWork} may do together with others, and a
     * participant (may be null) whose rows commit with it.
     */
    Applied submit(Object request, Function<EntityManager, Applied> work,
            CommittingDirectory.Participant participant) {
        Outcome o;
        try {
            o = committer.submit(new Job(CallerContext.current().orElse(null), work, request, participant));
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

    /**
     * One transaction for the group; its audit records (each as its work's caller) and its participants' rows are
     * written in it just before the commit, the participants nested in the order of their works (each may hold
     * something across the commit). A refused work writes nothing and fails alone.
     */
    private List<Outcome> commit(List<Job> group) {
        return kept.call(em -> groupWork.apply(em, group), (em, outcomes, commit) -> {
            List<AuditEvent> events = new ArrayList<>();
            List<Integer> participating = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Applied applied = outcomes.get(i).applied();
                if (applied != null) {
                    for (AuditEvent e : applied.audit()) {
                        events.add(e.as(group.get(i).caller()));
                    }
                    if (group.get(i).participant() != null) {
                        participating.add(i);
                    }
                }
            }
            if (events.isEmpty() && participating.isEmpty()) {
                commit.call();
                return;
            }
            Connection c = connections.apply(em);
            boolean[] open = {c != null};
            try {
                Callable<Void> last = () -> {
                    if (open[0]) {
                        open[0] = false;
                        c.close(); // the handle, before OpenJPA commits the connection behind it
                    }
                    return commit.call();
                };
                for (int k = participating.size() - 1; k >= 0; k--) {
                    int i = participating.get(k);
                    Callable<Void> inner = last;
                    CommittingDirectory.Participant p = group.get(i).participant();
                    PatientDirectory.Result result = outcomes.get(i).applied().result();
                    last = () -> {
                        p.commit(c, result, inner);
                        return null;
                    };
                }
                auditedCommit.commit(c, events, last);
            } finally {
                if (open[0]) {
                    c.close();
                }
            }
        });
    }

    /** Runs {@code work} as {@code caller} (null: as the current thread's caller). */
    static <T> T as(Caller caller, Supplier<T> work) {
        if (caller == null) {
            return work.get();
        }
        try {
            return CallerContext.runAs(caller, work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops taking work; work queued by then is committed first (core's drain), later work fails. */
    @Override
    public void close() {
        committer.close();
        try {
            kept.close(); // the committer thread has ended: nothing uses it any more
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DirectoryCommitter.class).debug("closing the directory's EntityManager", e);
        }
    }
}
