package org.pavilion.core.api.persistence;

import java.sql.Connection;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;

import org.apache.openjpa.persistence.OpenJPAEntityManager;

/**
 * Runs work in one local transaction of a persistence unit: commit when it returns, roll back when it
 * throws, always close the EntityManager. Departments get their unit's EntityManagerFactory service
 * ({@code @Reference(target = "(osgi.unit.name=pavilion-emr)")}) and wrap it in one of these.
 *
 * <p>Why not Aries' JpaTemplate: with OpenJPA 3.2.2, Aries JPA 2.7.3 cannot read a unit's transaction
 * type (OpenJPA's getProperties() fails before first use) and falls back to a JTA template, which a
 * RESOURCE_LOCAL unit cannot join. All units share one database, so local transactions suffice and
 * keep PostgreSQL free of two-phase commit.
 */
public final class JpaTransactions {

    private final EntityManagerFactory emf;

    public JpaTransactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /**
     * How a transaction is committed: {@code commit} commits it and must be called exactly once; what comes before
     * it joins the transaction (records written on {@link #connection(EntityManager)}), and what the step holds
     * around it is held across the commit.
     *
     * @since 1.3
     */
    @FunctionalInterface
    public interface CommitStep<R> {
        void commit(EntityManager em, R result, Callable<Void> commit) throws Exception;
    }

    /** Runs {@code work} in a new transaction and returns its result. */
    public <R> R call(Function<EntityManager, R> work) {
        return call(work, (em, result, commit) -> commit.call());
    }

    /**
     * Runs {@code work} in a new transaction, has {@code step} commit it, and returns the work's result; rolls back
     * when either throws (a checked exception of the step comes wrapped in a {@link PersistenceException}).
     *
     * @since 1.3
     */
    public <R> R call(Function<EntityManager, R> work, CommitStep<R> step) {
        EntityManager em = emf.createEntityManager();
        try {
            return callOn(em, work, step);
        } finally {
            em.close();
        }
    }

    /**
     * An EntityManager of this unit kept across transactions by one thread (a group committer's): OpenJPA's set-up of
     * a new EntityManager costs more than a small transaction's writes. Not for concurrent use.
     *
     * @since 1.4
     */
    public final class Kept implements AutoCloseable {
        private EntityManager em;

        /**
         * As {@link JpaTransactions#call(Function, CommitStep)}, on the kept EntityManager. It is cleared after the
         * transaction, so nothing read in one transaction is seen in the next, and replaced after a failure.
         */
        public <R> R call(Function<EntityManager, R> work, CommitStep<R> step) {
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

    /** @since 1.4 */
    public Kept keep() {
        return new Kept();
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

    public void run(Consumer<EntityManager> work) {
        call(em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * The JDBC connection of {@code em}'s transaction, for plain statements that must commit with its entity
     * writes (a counter, an outbox row) without the cost of the provider's query machinery on a hot path. Close it
     * when done: that releases the handle, not the transaction's connection. Entity writes not yet flushed are not
     * visible to it. {@code em} must be in a transaction.
     */
    public static Connection connection(EntityManager em) {
        OpenJPAEntityManager jpa = em.unwrap(OpenJPAEntityManager.class);
        if (!jpa.isStoreActive()) {
            // OpenJPA opens the database transaction lazily, at the first write it flushes: until then it would
            // hand out a connection of its own that commits each statement at once.
            jpa.beginStore();
        }
        return (Connection) jpa.getConnection();
    }

    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }
}
