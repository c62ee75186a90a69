package org.pavilion.billing.internal.payments;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import org.apache.openjpa.event.AbstractTransactionListener;
import org.apache.openjpa.event.TransactionEvent;
import org.apache.openjpa.persistence.OpenJPAEntityManagerSPI;
import org.apache.openjpa.persistence.OpenJPAPersistence;
import org.pavilion.events.api.EventPublisher;

/**
 * The bus as the payment tests see it: an event counts once its transaction committed (as the outbox delivers it), so
 * a rolled-back payment that published before losing its race shows nothing.
 */
final class CommittedEvents implements EventPublisher {

    record Published(String type, String subjectKey, Object payload) {
    }

    final List<Published> committed = new CopyOnWriteArrayList<>();

    @Override
    public String publish(EntityManager em, String eventType, Object payload) {
        return publish(em, eventType, null, payload);
    }

    @Override
    public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
        if (!em.getTransaction().isActive()) {
            throw new IllegalStateException("published outside a transaction");
        }
        Published p = new Published(eventType, subjectKey, payload);
        ((OpenJPAEntityManagerSPI) OpenJPAPersistence.cast(em)).addTransactionListener(
                new AbstractTransactionListener() {
                    @Override
                    public void afterCommit(TransactionEvent event) {
                        committed.add(p);
                    }
                });
        return UUID.randomUUID().toString();
    }

    <T> List<T> of(String type, Class<T> payloadType) {
        return committed.stream().filter(p -> p.type().equals(type)).map(p -> payloadType.cast(p.payload())).toList();
    }
}
