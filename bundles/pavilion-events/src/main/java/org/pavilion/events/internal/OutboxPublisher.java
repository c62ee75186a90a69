package org.pavilion.events.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.events.api.Events;

/** Writes events into the outbox with the publisher's own EntityManager and transaction. */
public class OutboxPublisher implements EventPublisher {

    private final ObjectMapper mapper;
    private final String source;
    private final Clock clock;

    public OutboxPublisher(ObjectMapper mapper, String source, Clock clock) {
        this.mapper = mapper;
        this.source = source;
        this.clock = clock;
    }

    /** The JSON shape of payloads: java.time values as ISO-8601 strings. */
    public static ObjectMapper payloadMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public String publish(EntityManager em, String eventType, Object payload) {
        return publishAll(em, List.of(new Event(eventType, payload))).get(0);
    }

    @Override
    public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
        return publishAll(em, List.of(new Event(eventType, subjectKey, payload))).get(0);
    }

    @Override
    public List<String> publishAll(EntityManager em, List<Event> events) {
        Objects.requireNonNull(em, "em");
        List<String> json = new ArrayList<>(events.size());
        for (Event e : events) {
            Subscription.requireName(e.eventType(), "event type");
            requireSubjectKey(e);
            Objects.requireNonNull(e.payload(), "payload");
            try {
                json.add(mapper.writeValueAsString(e.payload()));
            } catch (JsonProcessingException x) {
                throw new IllegalArgumentException("Payload of " + e.eventType() + " cannot be written as JSON: "
                        + x.getOriginalMessage(), x);
            }
        }
        // Outside a transaction the row would commit on its own and could go out for work later rolled back.
        if (!inTransaction(em)) {
            throw new IllegalStateException("publish " + (events.isEmpty() ? "events" : events.get(0).eventType())
                    + " inside the transaction of the change it announces");
        }
        List<String> ids = new ArrayList<>(events.size());
        if (events.isEmpty()) {
            return ids;
        }
        long now = clock.millis();
        // Plain JDBC on the transaction's connection, one batch: a native query through the provider cost more
        // than the insert, and a group of registrations needs one round trip, not one per event.
        try (Connection c = JpaTransactions.connection(em); PreparedStatement insert = c.prepareStatement(
                EventStore.INSERT_OUTBOX)) {
            for (int i = 0; i < events.size(); i++) {
                String id = EventIds.next(now); // in publishing order: see EventIds
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, events.get(i).eventType());
                insert.setString(3, json.get(i));
                insert.setString(4, source);
                insert.setLong(5, now);
                insert.setString(6, events.get(i).subjectKey());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("publishing " + events.get(0).eventType() + " failed: " + e.getMessage(), e);
        }
        return ids;
    }

    private static void requireSubjectKey(Event e) {
        String key = e.subjectKey();
        if (key != null && (key.isBlank() || key.length() > Events.SUBJECT_KEY_MAX_LENGTH)) {
            throw new IllegalArgumentException("Subject key of " + e.eventType() + " must be null or 1 to "
                    + Events.SUBJECT_KEY_MAX_LENGTH + " characters, e.g. patient:<MRN>");
        }
    }

    private static boolean inTransaction(EntityManager em) {
        try {
            return em.getTransaction().isActive(); // RESOURCE_LOCAL, as Aries' JpaTemplate runs our units
        } catch (IllegalStateException jta) {
            // A JTA entity manager has no EntityTransaction; OpenJPA answers this one only for JTA.
            return em.isJoinedToTransaction();
        }
    }
}
