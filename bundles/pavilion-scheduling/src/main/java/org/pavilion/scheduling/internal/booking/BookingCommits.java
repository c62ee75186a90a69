package org.pavilion.scheduling.internal.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.GroupCommitter;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * One commit for the bookings and status changes made at the same moment, on core's {@link GroupCommitter}. Each
 * change commits with its audit record, and the audit trail is held across that commit to keep its chain in order:
 * one at a time, eight desks booking at once waited for each other's commits. In a group they share one transaction,
 * one hold of the trail and one commit. A caller still returns only after the commit holding its change.
 *
 * <p>A {@link Job} has two parts. Its {@code claim} takes the time (slot holds, plain JDBC, before any entity write):
 * it runs inside a savepoint, so a clash (409) rolls back to it and fails that job alone while the group goes on. Its
 * {@code work} then writes the entities; any failure there rolls the group back and core runs each job again in a
 * transaction of its own, so a failure still reaches only its own caller. Jobs run as their callers.
 */
final class BookingCommits implements AutoCloseable {

    /** Jobs in one transaction at most. */
    static final int MAX_GROUP = 32;

    /**
     * A caller's change: {@code claim} (may be null) may refuse with a {@link ProblemException} before anything is
     * written through the entity manager; {@code work} writes; {@code audited} is the record of its result.
     */
    record Job<T>(Caller caller, Consumer<EntityManager> claim, Function<EntityManager, T> work,
            Function<T, AuditEvent> audited) {
    }

    /** A job's result in its group, or the refusal of its claim. */
    private record Outcome(Object result, ProblemException refused) {
    }

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final GroupCommitter<Job<?>, Outcome> committer;

    BookingCommits(EntityManagerFactory emf, AuditService audit) {
        this.emf = emf;
        this.audit = audit;
        this.committer = new GroupCommitter<>("pavilion-scheduling-commit", MAX_GROUP, this::commit);
    }

    /** Queues the job and returns its result once committed; rethrows its refusal or failure. */
    @SuppressWarnings("unchecked")
    <T> T call(Consumer<EntityManager> claim, Function<EntityManager, T> work, Function<T, AuditEvent> audited) {
        Outcome o;
        try {
            o = committer.submit(new Job<>(CallerContext.current().orElse(null), claim, work, audited));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new PersistenceException("Could not commit: " + e.getMessage(), e);
        }
        if (o.refused() != null) {
            throw o.refused();
        }
        return (T) o.result();
    }

    private List<Outcome> commit(List<Job<?>> group) throws Exception {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            List<Outcome> outcomes = new ArrayList<>(group.size());
            List<AuditEvent> records = new ArrayList<>(group.size());
            for (Job<?> job : group) {
                Outcome o = run(em, job, records);
                outcomes.add(o);
            }
            Connection c = JpaTransactions.connection(em);
            audit.recordAllCommittingWith(c, records, () -> {
                c.close(); // the handle, before OpenJPA commits the connection behind it
                tx.commit();
                return null;
            });
            return outcomes;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    private static <T> Outcome run(EntityManager em, Job<T> job, List<AuditEvent> records) throws Exception {
        if (job.claim() != null) {
            try (Connection c = JpaTransactions.connection(em)) {
                Savepoint before = c.setSavepoint();
                try {
                    as(job.caller(), () -> {
                        job.claim().accept(em);
                        return null;
                    });
                } catch (ProblemException refused) {
                    c.rollback(before); // on PostgreSQL the failed statement aborted the transaction until this
                    return new Outcome(null, refused);
                }
                releaseQuietly(c, before);
            }
        }
        T result = as(job.caller(), () -> {
            T r = job.work().apply(em);
            em.flush();
            return r;
        });
        AuditEvent record = job.audited().apply(result);
        records.add(job.caller() == null ? record : record.as(job.caller()));
        return new Outcome(result, null);
    }

    private static void releaseQuietly(Connection c, Savepoint s) {
        try {
            c.releaseSavepoint(s);
        } catch (SQLException notSupported) {
            // Released at commit anyway.
        }
    }

    private static <T> T as(Caller caller, java.util.concurrent.Callable<T> work) throws Exception {
        return caller == null ? work.call() : CallerContext.runAs(caller, work);
    }

    /** Refuses new jobs; those queued are committed first. */
    @Override
    public void close() {
        committer.close();
    }
}
