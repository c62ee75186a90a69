package org.pavilion.notifications.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.UUID;

import javax.persistence.PersistenceException;

import org.junit.Test;
import org.pavilion.notifications.internal.queue.NotificationEntity;

/** The change log runs on the test database and a message's dedup key is unique there. */
public class ChangeLogTest {

    @Test
    public void theSameDedupKeyIsStoredOnce() throws Exception {
        try (NotificationsDatabase db = new NotificationsDatabase()) {
            db.jpa.run(em -> em.persist(message("evt-1|rule|P1|EMAIL")));
            try {
                db.jpa.run(em -> em.persist(message("evt-1|rule|P1|EMAIL")));
                fail("a second row with the same dedup key was stored");
            } catch (PersistenceException expected) {
                // the unique constraint refused it
            }
            assertEquals(1L, (long) db.jpa.call(em -> em.createQuery(
                    "select count(n) from NotificationEntity n", Long.class).getSingleResult()));
        }
    }

    private static NotificationEntity message(String dedupKey) {
        NotificationEntity n = new NotificationEntity();
        n.setId(UUID.randomUUID().toString());
        n.setDedupKey(dedupKey);
        n.setEventType("AppointmentBooked");
        n.setRecipientKind("PATIENT");
        n.setChannel("EMAIL");
        n.setStatus("QUEUED");
        n.setNextAttemptMs(0);
        n.setCreatedMs(1);
        n.setUpdatedMs(1);
        return n;
    }
}
