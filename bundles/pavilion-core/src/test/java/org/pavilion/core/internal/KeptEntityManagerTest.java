package org.pavilion.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;


import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.internal.security.UserEntity;

/**
 * A group committer's EntityManager kept from transaction to transaction: the same one while transactions commit,
 * nothing of one transaction left in it for the next, and a fresh one after a failure.
 */
public class KeptEntityManagerTest {

    private final CoreTestDatabase db = new CoreTestDatabase();
    private final JpaTransactions jpa = new JpaTransactions(db.emf);
    private final JpaTransactions.Kept kept = jpa.keep();

    @After
    public void close() throws Exception {
        kept.close();
        db.close();
    }

    @Test
    public void oneEntityManagerServesTransactionAfterTransactionAndForgetsWhatEachWrote() {
        UserEntity[] written = new UserEntity[1];
        EntityManager first = kept.call(em -> {
            written[0] = user("nurse.okafor");
            em.persist(written[0]);
            return em;
        }, (em, result, commit) -> commit.call());
        EntityManager second = kept.call(em -> {
            assertFalse("cleared: the last transaction's entity is not managed any more", em.contains(written[0]));
            assertEquals("committed", 1, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM core_user")
                    .getSingleResult()).intValue());
            return em;
        }, (em, result, commit) -> commit.call());
        assertSame(first, second);
    }

    @Test
    public void aFailedTransactionRollsBackAndTheNextGetsAFreshEntityManager() {
        EntityManager first = kept.call(em -> em, (em, result, commit) -> commit.call());
        assertThrows(IllegalStateException.class, () -> kept.call(em -> {
            em.persist(user("clerk.adeyemi"));
            em.flush();
            throw new IllegalStateException("the ward's printer caught fire");
        }, (em, result, commit) -> commit.call()));
        EntityManager next = kept.call(em -> {
            assertEquals("rolled back", 0, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM core_user")
                    .getSingleResult()).intValue());
            return em;
        }, (em, result, commit) -> commit.call());
        assertNotSame(first, next);
    }

    private static UserEntity user(String name) {
        UserEntity u = new UserEntity();
        u.setUsername(name);
        u.setPasswordHash("x");
        u.setEnabled(true);
        return u;
    }
}
