package org.pavilion.pharmacy.internal.dispensing;

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
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * One transaction whose audit records commit with it (AuditService.recordAllCommittingWith on the transaction's own
 * connection): a dispense, its movements, the prescription's new status, its event and its audit record are all
 * there or none is. A write that lost a race (the version check, a concurrent update of the same row) answers 409.
 */
final class AuditedTransaction {

    /** What the work returns: its answer and the records to commit with it. */
    record Done<T>(T answer, List<AuditEvent> records) {
    }

    private AuditedTransaction() {
    }

    static <T> T run(EntityManagerFactory emf, AuditService audit, String what, Function<EntityManager, Done<T>> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Done<T> done = work.apply(em);
            em.flush(); // the version checks and constraints fail here, before the trail is held
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
        } catch (PersistenceException e) {
            if (lostRace(e)) {
                throw PharmacyProblems.changedMeanwhile(what);
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PersistenceException("could not commit " + what, e);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The version check failed, or the database refused a concurrent update of the same row (H2, PostgreSQL). */
    static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
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
