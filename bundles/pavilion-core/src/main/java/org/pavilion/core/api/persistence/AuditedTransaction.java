package org.pavilion.core.api.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One JPA transaction whose audit records commit with it ({@link AuditService#recordAllCommittingWith} on the
 * transaction's own connection): the data, its events and its audit records are all there or none is, also across a
 * crash. The work is flushed before the audit trail is held, so version checks and constraints fail first.
 *
 * @since 2.2
 */
@ProviderType
public final class AuditedTransaction {

    /** What the work returns: its answer and the audit records to commit with it. */
    @ProviderType
    public record Done<T>(T answer, List<AuditEvent> records) {

        public static <T> Done<T> of(T answer, AuditEvent record) {
            return new Done<>(answer, List.of(record));
        }
    }

    private AuditedTransaction() {
    }

    /** Runs {@code work} in a new transaction and commits it with its records; rolls back when anything throws. */
    public static <T> T run(EntityManagerFactory emf, AuditService audit, Function<EntityManager, Done<T>> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Done<T> done = work.apply(em);
            em.flush();
            if (done.records().isEmpty()) {
                em.getTransaction().commit();
                return done.answer();
            }
            Connection c = JpaTransactions.connection(em);
            boolean[] open = {true};
            try {
                audit.recordAllCommittingWith(c, done.records(), () -> {
                    open[0] = false;
                    c.close(); // the handle, before OpenJPA commits the connection behind it
                    em.getTransaction().commit();
                    return null;
                });
            } finally {
                if (open[0]) {
                    c.close();
                }
            }
            return done.answer();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PersistenceException("could not commit with its audit records: " + e.getMessage(), e);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /**
     * True when {@code e} says a concurrent writer won: the version check failed, or the database refused a
     * concurrent update of the same row (serialization failure 40001 on PostgreSQL, H2's 90131). Answer 409.
     */
    public static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || s.getErrorCode() == 90131)) {
                return true;
            }
        }
        return false;
    }
}
