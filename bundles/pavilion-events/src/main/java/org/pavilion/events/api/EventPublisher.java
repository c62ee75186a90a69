package org.pavilion.events.api;

import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes a department event through the transactional outbox. The event is written with the caller's
 * own {@link EntityManager}, so it commits or rolls back with the caller's transaction; the relay
 * delivers it to every subscriber only after that commit, at least once.
 *
 * <p>Each bundle gets its own instance of this service; the publishing bundle's symbolic name becomes the
 * event's {@link Events#HEADER_SOURCE source}. Implemented by the bus only (departments call it), so a method added
 * here is a minor change.
 */
@ProviderType
public interface EventPublisher {

    /**
     * @param em        the caller's entity manager, joined to the transaction the event belongs to
     * @param eventType a name such as {@code PatientRegistered}; letters, digits, {@code _ . -}, at most 100
     * @param payload   serialised to JSON with Jackson (java.time types as ISO-8601 strings)
     * @return the event's id, stable across redeliveries: subscribers deduplicate on it
     * @throws IllegalStateException    when {@code em} is not joined to a transaction
     * @throws IllegalArgumentException for a bad event type or a payload Jackson cannot serialise
     */
    String publish(EntityManager em, String eventType, Object payload);

    /**
     * Publishes an event about one subject. Each subscriber gets the events of one subject key in the order they
     * were published, also while an earlier one waits for its retry or sits parked as a dead letter: a failing event
     * holds back only the later events of its own key for that one subscriber (see the bundle's README, "Order per
     * subject"). Subscribers read the key from {@link Events#HEADER_SUBJECT}.
     *
     * @param subjectKey what the event is about, as {@code <kind>:<id>}: {@code patient:<MRN>},
     *                   {@code appointment:<id>}, {@code order:<id>}; null for no ordering promise (as {@link #publish})
     * @since 1.2
     */
    String publish(EntityManager em, String eventType, String subjectKey, Object payload);

    /**
     * One event of {@link #publishAll}.
     *
     * @param subjectKey null when the event is about no subject that needs ordering (since 1.2)
     * @since 1.1
     */
    @ProviderType
    record Event(String eventType, String subjectKey, Object payload) {

        /** An event without a subject key: no ordering promise among the subscriber's other deliveries. */
        public Event(String eventType, Object payload) {
            this(eventType, null, payload);
        }
    }

    /**
     * Several events of one transaction written together (a department committing many changes at once: one round
     * trip to the database instead of one per event). Same rules as {@link #publish} for each; they reach a
     * subscriber in the order of {@code events}, as events published one by one do in the order published.
     *
     * @return their ids, in the order of {@code events}
     * @since 1.1
     */
    default List<String> publishAll(EntityManager em, List<Event> events) {
        List<String> ids = new ArrayList<>(events.size());
        for (Event e : events) {
            ids.add(publish(em, e.eventType(), e.subjectKey(), e.payload()));
        }
        return ids;
    }
}
