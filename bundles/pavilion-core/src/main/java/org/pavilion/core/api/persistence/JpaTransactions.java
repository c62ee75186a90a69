package org.pavilion.core.api.persistence;

import java.sql.Connection;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.internal.db.OpenJpaConnections;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs work in one local transaction of a persistence unit: commit when it returns, roll back when it
 * throws, always close the EntityManager. Departments get their unit's EntityManagerFactory service
 * ({@code @Reference(target = "(osgi.unit.name=pavilion-emr)")}) and wrap it in one of these.
 *
 * <p>Why not Aries' JpaTemplate: with OpenJPA 3.2.2, Aries JPA 2.7.3 cannot read a unit's transaction
 * type (OpenJPA's getProperties() fails before first use) and falls back to a JTA template, which a
 * RESOURCE_LOCAL unit cannot join. All units share one database, so local transactions suffice and
 * keep PostgreSQL free of two-phase commit.
 *
 * <p>Only JPA and JDBC types appear here: the provider (OpenJPA) stays a detail of core's implementation.
 */
@ProviderType
public final class JpaTransactions {

    private final EntityManagerFactory emf;

    public JpaTransactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Runs {@code work} in a new transaction and returns its result. */
    public <R> R call(Function<EntityManager, R> work) {
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                R result = work.apply(em);
                tx.commit();
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
        } finally {
            em.close();
        }
    }

    public void run(Consumer<EntityManager> work) {
        call(em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * Runs {@code work} in a new transaction that commits with {@code record} (an {@link AuditedTransaction}): a change
     * and its audit record are both there or neither is, also across a crash.
     *
     * @since 2.3
     */
    public void runAudited(AuditService audit, AuditEvent record, Consumer<EntityManager> work) {
        AuditedTransaction.run(emf, audit, em -> {
            work.accept(em);
            return AuditedTransaction.Done.of(null, record);
        });
    }

    /**
     * Runs {@code work} in a new transaction that commits with the audit records it returns, and returns its answer
     * (an {@link AuditedTransaction}).
     *
     * @since 2.3
     */
    public <R> R callAudited(AuditService audit, Function<EntityManager, AuditedTransaction.Done<R>> work) {
        return AuditedTransaction.run(emf, audit, work);
    }

    /**
     * Runs {@code work} in a new transaction that commits with the audit record {@code record} makes of its result,
     * and returns the result (an {@link AuditedTransaction}).
     *
     * @since 2.3
     */
    public <R> R callAudited(AuditService audit, Function<EntityManager, R> work,
            Function<? super R, AuditEvent> record) {
        return AuditedTransaction.run(emf, audit, em -> {
            R result = work.apply(em);
            return AuditedTransaction.Done.of(result, record.apply(result));
        });
    }

    /**
     * The JDBC connection of {@code em}'s transaction, for plain statements that must commit with its entity
     * writes (a counter, an outbox row) without the cost of the provider's query machinery on a hot path. Close it
     * when done: that releases the handle, not the transaction's connection. Entity writes not yet flushed are not
     * visible to it. {@code em} must be in a transaction.
     */
    public static Connection connection(EntityManager em) {
        return OpenJpaConnections.of(em);
    }

    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }
}
