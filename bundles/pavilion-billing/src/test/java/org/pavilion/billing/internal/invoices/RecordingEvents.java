package org.pavilion.billing.internal.invoices;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import org.pavilion.events.api.EventPublisher;

/** The bus as the invoice tests see it: what was published, under which subject, only inside a transaction. */
public final class RecordingEvents implements EventPublisher {

    public record Published(String type, String subjectKey, Object payload) {
    }

    public final List<Published> published = new CopyOnWriteArrayList<>();

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
}
