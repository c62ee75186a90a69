package org.pavilion.emr.internal.integration;

import java.util.concurrent.Callable;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;

/**
 * Transactions of the directory's committer thread on one EntityManager kept from group to group: OpenJPA's set-up
 * of a new EntityManager was a tenth of that thread's CPU, more than a small group's writes. It is cleared after
 * each commit, so nothing read in one transaction is seen in the next, and replaced after a failure. The group
 * does its own commit ({@link CommitStep}) so that audit records and participants' rows are written just before
 * it. Not for concurrent use: one committer thread.
 */
final class KeptTransactions implements AutoCloseable {

    /**
     * How a group's transaction is committed: {@code commit} commits it and must be called exactly once; what comes
     * before it joins the transaction, and what the step holds around it is held across the commit.
     */
    @FunctionalInterface
    interface CommitStep<R> {
        void commit(EntityManager em, R result, Callable<Void> commit) throws Exception;
    }

    private final EntityManagerFactory emf;
    private EntityManager em;

    KeptTransactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /**
     * Runs {@code work} in a new transaction on the kept EntityManager, has {@code step} commit it, and returns the
     * work's result; rolls back when either throws (a checked exception of the step comes wrapped in a
     * {@link PersistenceException}) or when the step did not commit.
     */
    <R> R call(Function<EntityManager, R> work, CommitStep<R> step) {
        if (em == null) {
            em = emf.createEntityManager();
        }
        boolean done = false;
        try {
            R result = callOn(em, work, step);
            done = true;
            return result;
        } finally {
            if (done) {
                em.clear();
            } else {
                close();
            }
        }
    }

    private static <R> R callOn(EntityManager em, Function<EntityManager, R> work, CommitStep<R> step) {
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            R result = work.apply(em);
            int[] commits = {0};
            try {
                step.commit(em, result, () -> {
                    if (commits[0]++ > 0) {
                        throw new IllegalStateException("a transaction is committed once");
                    }
                    tx.commit();
                    return null;
                });
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new PersistenceException(e.getMessage(), e);
            }
            if (commits[0] == 0) {
                throw new IllegalStateException("the commit step returned without committing"); // rolled back below
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (em != null) {
            try {
                em.close();
            } finally {
                em = null;
            }
        }
    }
}
