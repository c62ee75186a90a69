package org.pavilion.events.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

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
        Objects.requireNonNull(em, "em");
        Subscription.requireName(eventType, "event type");
        Objects.requireNonNull(payload, "payload");
        // Outside a transaction the row would commit on its own and could go out for work later rolled back.
        if (!inTransaction(em)) {
            throw new IllegalStateException("publish " + eventType + " inside the transaction of the change it announces");
        }
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload of " + eventType + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        String id = UUID.randomUUID().toString();
        // Plain JDBC on the transaction's connection: a native query through the provider cost more than the insert.
        try (Connection c = JpaTransactions.connection(em); PreparedStatement insert = c.prepareStatement(
                EventStore.INSERT_OUTBOX)) {
            insert.setString(1, id);
            insert.setString(2, eventType);
            insert.setString(3, json);
            insert.setString(4, source);
            insert.setLong(5, clock.millis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("publishing " + eventType + " failed: " + e.getMessage(), e);
        }
        return id;
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
