package org.pavilion.emr.internal.integration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Test;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.PatientEntity;

/**
 * The directory committer's EntityManager kept from transaction to transaction: the same one while transactions
 * commit, nothing of one transaction left in it for the next, a fresh one after a failure, and a step that does not
 * commit exactly once is rolled back.
 */
public class KeptTransactionsTest {

    private final EmrDatabase db;
    private final KeptTransactions kept;

    public KeptTransactionsTest() throws Exception {
        db = new EmrDatabase();
        kept = new KeptTransactions(db.emf);
    }

    @After
    public void close() throws Exception {
        kept.close();
        db.close();
    }

    @Test
    public void oneEntityManagerServesTransactionAfterTransactionAndForgetsWhatEachWrote() {
        PatientEntity[] written = new PatientEntity[1];
        EntityManager first = kept.call(em -> {
            written[0] = patient("MRN-0000001", "Amara", "Okafor");
            em.persist(written[0]);
            return em;
        }, (em, result, commit) -> commit.call());
        EntityManager second = kept.call(em -> {
            assertFalse("cleared: the last transaction's entity is not managed any more", em.contains(written[0]));
            assertEquals("committed", 1, patients(em));
            return em;
        }, (em, result, commit) -> commit.call());
        assertSame(first, second);
    }

    @Test
    public void aFailedTransactionRollsBackAndTheNextGetsAFreshEntityManager() {
        EntityManager first = kept.call(em -> em, (em, result, commit) -> commit.call());
        assertThrows(IllegalStateException.class, () -> kept.call(em -> {
            em.persist(patient("MRN-0000002", "Kofi", "Mensah"));
            em.flush();
            throw new IllegalStateException("the ward's printer caught fire");
        }, (em, result, commit) -> commit.call()));
        EntityManager next = kept.call(em -> {
            assertEquals("rolled back", 0, patients(em));
            return em;
        }, (em, result, commit) -> commit.call());
        assertNotSame(first, next);
    }

    @Test
    public void aStepThatCommitsTwiceOrNeverIsRolledBack() {
        assertThrows(IllegalStateException.class, () -> kept.call(em -> {
            em.persist(patient("MRN-0000003", "Ines", "Duarte"));
            return null;
        }, (em, result, commit) -> {
        }));
        assertThrows(IllegalStateException.class, () -> kept.call(em -> {
            em.persist(patient("MRN-0000004", "Jonas", "Berg"));
            return null;
        }, (em, result, commit) -> {
            commit.call();
            commit.call();
        }));
        assertEquals("only the one that committed once, before its second try", 1,
                kept.<Integer>call(KeptTransactionsTest::patients, (em, result, commit) -> commit.call()).intValue());
    }

    private static int patients(EntityManager em) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM emr_patient").getSingleResult()).intValue();
    }

    private static PatientEntity patient(String mrn, String given, String family) {
        return EmrDatabase.patient(mrn, given, family, "FEMALE", "1984-03-01");
    }
}
