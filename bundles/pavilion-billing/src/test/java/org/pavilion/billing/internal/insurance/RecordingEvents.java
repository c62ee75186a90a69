package org.pavilion.billing.internal.insurance;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import org.pavilion.events.api.EventPublisher;

/** The bus as the insurance tests see it: what was published, under which subject, only inside a transaction. */
final class RecordingEvents implements EventPublisher {

    record Published(String type, String subjectKey, Object payload) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public String publish(EntityManager em, String eventType, Object payload) {
        return publish(em, eventType, null, payload);
    }

    @Override
    public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
        if (!em.getTransaction().isActive()) {
            throw new IllegalStateException("published outside a transaction");
        }
        published.add(new Published(eventType, subjectKey, payload));
        return UUID.randomUUID().toString();
    }

    <T> List<T> of(String type, Class<T> payloadType) {
        return published.stream().filter(p -> p.type().equals(type)).map(p -> payloadType.cast(p.payload())).toList();
    }
}
