package org.pavilion.telemedicine.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.events.api.EventPublisher;

/**
 * The department on a fresh database with its real change log (in-memory H2, or a schema of its own on the PostgreSQL
 * named by {@code -Dpavilion.test.postgres}), a clock the test moves, and the bus and audit trail as recordings.
 */
final class TelemedicineDatabase implements AutoCloseable {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        final AtomicLong ms = new AtomicLong(Instant.parse("2026-12-07T09:00:00Z").toEpochMilli());

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(ms.get()); }
        void advanceSeconds(long s) { ms.addAndGet(s * 1000); }
    }

    /** Events as published, each checked to be inside the caller's transaction. */
    static final class RecordingEvents implements EventPublisher {
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
            return published.stream().filter(p -> p.type().equals(type)).map(p -> payloadType.cast(p.payload()))
                    .toList();
        }
    }

    static final class RecordingAudit implements AuditService {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        List<AuditEvent> of(String action) {
            return events.stream().filter(e -> e.action().equals(action)).toList();
        }
    }

    final EntityManagerFactory emf;
    final TestClock clock = new TestClock();
    final RecordingEvents events = new RecordingEvents();
    final RecordingAudit audit = new RecordingAudit();
    final SignalTickets tickets = new SignalTickets(clock);
    final SignalRooms rooms = new SignalRooms();
    final ConsultationService service;
    private final ChangeLogDatabase database;

    TelemedicineDatabase(TelemedicineSettings.Values settings) throws Exception {
        database = new ChangeLogDatabase("telemedicine", "db/telemedicine-changelog.xml");
        emf = Persistence.createEntityManagerFactory("telemedicine-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        service = new ConsultationService(emf, audit, events, new TelemedicineSettings(settings), tickets, rooms, clock);
    }

    TelemedicineDatabase() throws Exception {
        this(TelemedicineSettings.defaults());
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
