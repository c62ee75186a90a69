package org.pavilion.pharmacy.internal.dispensing;

import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * A dispensing write: core's {@link AuditedTransaction} (a dispense, its movements, the prescription's new status, its
 * event and its audit record are all there or none is), with a lost race (the version check, a concurrent update of
 * the same row) answered 409.
 */
final class PharmacyTransactions {

    private PharmacyTransactions() {
    }

    static <T> T run(EntityManagerFactory emf, AuditService audit, String what,
            Function<EntityManager, AuditedTransaction.Done<T>> work) {
        try {
            return AuditedTransaction.run(emf, audit, work);
        } catch (PersistenceException e) {
            if (AuditedTransaction.lostRace(e)) {
                throw PharmacyProblems.changedMeanwhile(what);
            }
            throw e;
        }
    }
}
