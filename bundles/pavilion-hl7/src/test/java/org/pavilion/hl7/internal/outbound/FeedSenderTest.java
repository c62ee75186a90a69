package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Before;
import org.junit.Test;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.pavilion.core.api.retry.Backoff;

/**
 * A feed's queue and sender on H2 with the bundle's real change log, the receiver a scripted link and time a
 * clock the test moves: order per patient, back-off, parking, a receiver that is down, a retry, a restart.
 */
public class FeedSenderTest {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    static final long T0 = 1_770_000_000_000L;
    static final FeedSettings FEED = new FeedSettings("ward", "localhost", 2576, "2.5.1",
            java.util.Set.of("PatientRegistered", "PatientUpdated", "PatientsMerged"), "PAVILION", "H", "WARD", "H",
            "PAV", "P", java.nio.charset.StandardCharsets.UTF_8, 1000, 1000, new Backoff(1000, 4000), 3, 100);

    private OutboundStore store;
    private final MovableClock clock = new MovableClock();
    private final Receiver receiver = new Receiver();
    private final AdtBuilder builder = new AdtBuilder(FEED, ZoneOffset.UTC);

    @Before
    public void database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:hl7-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/hl7-changelog.xml", new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
        store = new OutboundStore(ds);
    }

    /** The receiving system: answers from a script (default AA), or is down; records what it accepted. */
    static final class Receiver implements FeedSender.Link {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> accepted = new ArrayList<>();
        boolean down;

        @Override
        public Delivery send(String text, String controlId) {
            if (down) {
                return Delivery.transport("ConnectException: Connection refused");
            }
            String code = answers.isEmpty() ? "AA" : answers.poll();
            if (code.equals("AA")) {
                accepted.add(text);
            }
            return Delivery.fromAck("MSH|^~\\&|WARD|H|PAVILION|H|20260302||ACK|X1|P|2.5.1\rMSA|" + code + "|"
                    + controlId + "|ward says " + code + "\r", controlId);
        }

        @Override
        public void close() {
        }
    }

    static final class MovableClock extends Clock {
        long now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }

    private String event(String type, String payload, long occurredMs) {
        String id = UUID.randomUUID().toString();
        assertTrue(store.enqueue(FEED.name(), id, type, occurredMs, builder.build(type, payload,
                Instant.ofEpochMilli(occurredMs)), null, clock.now));
        return id;
    }

    private String registered(String mrn, String family, long at) {
        return event("PatientRegistered", "{\"mrn\":\"" + mrn + "\",\"familyName\":\"" + family + "\"}", at);
    }

    private String updated(String mrn, String family, long at) {
        return event("PatientUpdated", "{\"mrn\":\"" + mrn + "\",\"familyName\":\"" + family + "\"}", at);
    }

    private FeedSender sender() {
        return new FeedSender(FEED, store, receiver, clock);
    }

    /** What the receiver accepted, as "trigger family" per message. */
    private List<String> accepted() {
        List<String> out = new ArrayList<>();
        for (String m : receiver.accepted) {
            String[] segments = m.split("\r");
            String trigger = segments[0].split("\\|")[8].split("\\^")[1];
            String family = "";
            for (String s : segments) {
                if (s.startsWith("PID|")) {
                    family = s.split("\\|")[5].split("\\^")[0];
                }
            }
            out.add(trigger + " " + family);
        }
        return out;
    }

    private void drainAt(FeedSender sender, long now) {
        clock.now = now;
        sender.drain();
    }

    private OutboundMessage row(String eventId) {
        for (OutboundMessage m : store.list(FEED.name(), null, 0, 200)) {
            if (m.eventId.equals(eventId)) {
                return store.find(m.id);
            }
        }
        return null;
    }

    @Test
    public void aPatientsUpdateWaitsForItsRegistrationWhileAnotherPatientGoesAhead() {
        String reg = registered("0000000001", "Okafor", T0);
        updated("0000000001", "Okafor-Bello", T0 + 10);
        registered("0000000002", "Mensah", T0 + 20);
        FeedSender sender = sender();
        receiver.answers.add("AE");

        drainAt(sender, T0);
        assertEquals(List.of("A04 Mensah"), accepted());
        OutboundMessage waiting = row(reg);
        assertEquals("PENDING", waiting.status);
        assertEquals(1, waiting.attempts);
        assertEquals("AE: ward says AE", waiting.lastError);
        assertEquals(T0 + 1000, waiting.nextAttemptMs);

        drainAt(sender, T0 + 999);
        assertEquals(1, accepted().size());
        drainAt(sender, T0 + 1000);
        assertEquals(List.of("A04 Mensah", "A04 Okafor", "A08 Okafor-Bello"), accepted());
        assertEquals("SENT", row(reg).status);
        assertEquals(2, row(reg).attempts);
        assertEquals("AA", row(reg).ackCode);
    }

    @Test
    public void aMessageRefusedMaxAttemptsTimesIsParkedAndARetryPutsItBack() {
        String reg = registered("0000000003", "Nakamura", T0);
        FeedSender sender = sender();
        receiver.answers.addAll(List.of("AR", "AR", "AR"));
        drainAt(sender, T0);
        drainAt(sender, T0 + 1000);
        assertEquals("PENDING", row(reg).status);
        drainAt(sender, T0 + 3000);
        OutboundMessage parked = row(reg);
        assertEquals("FAILED", parked.status);
        assertEquals(3, parked.attempts);
        assertEquals("AR", parked.ackCode);
        assertTrue(parked.ackText.contains("MSA|AR|" + parked.controlId));
        assertEquals(1, store.count(FEED.name(), "FAILED"));

        drainAt(sender, T0 + 100_000);
        assertTrue("a parked message is not sent again by itself", accepted().isEmpty());
        assertTrue(store.retry(parked.id, T0 + 100_000));
        drainAt(sender, T0 + 100_000);
        assertEquals(List.of("A04 Nakamura"), accepted());
        assertEquals("SENT", row(reg).status);
        assertFalse("a sent message is not retried", store.retry(parked.id, T0 + 100_001));
    }

    @Test
    public void whileTheReceiverIsDownTheFeedPausesAndNeverParksThenSendsInOrder() {
        String reg = registered("0000000004", "Dlamini", T0);
        updated("0000000004", "Dlamini-Zulu", T0 + 1);
        FeedSender sender = sender();
        receiver.down = true;
        long t = T0;
        for (int i = 0; i < 6; i++) {
            drainAt(sender, t);
            t += 5000; // longer than any pause (retryMaxMs 4 s)
        }
        OutboundMessage first = row(reg);
        assertEquals("PENDING", first.status);
        assertEquals("six tries of the oldest message, one per pause", 6, first.attempts);
        assertTrue(first.lastError, first.lastError.contains("Connection refused"));
        assertEquals(2, store.count(FEED.name(), "PENDING"));

        receiver.down = false;
        drainAt(sender, t);
        assertEquals(List.of("A04 Dlamini", "A08 Dlamini-Zulu"), accepted());
    }

    @Test
    public void theQueueIsTheTableAnEventIsQueuedOncePerFeedAndARestartedSenderGoesOn() {
        String id = registered("0000000005", "Halvorsen", T0);
        AdtBuilder.Built again = builder.build("PatientRegistered", "{\"mrn\":\"0000000005\"}", Instant.ofEpochMilli(T0));
        assertFalse("a redelivered event adds nothing", store.enqueue(FEED.name(), id, "PatientRegistered", T0, again,
                null, T0));
        assertTrue("another feed has its own row", store.enqueue("lab", id, "PatientRegistered", T0, again, null, T0));
        assertEquals(1, store.count(FEED.name(), null));

        receiver.down = true;
        FeedSender before = sender();
        drainAt(before, T0);
        // the container stops; a new store and sender on the same table continue
        receiver.down = false;
        drainAt(sender(), T0 + 1);
        assertEquals(List.of("A04 Halvorsen"), accepted());
        assertEquals("SENT", row(id).status);
    }

    @Test
    public void anEventThatGivesNoMessageIsStoredFailedWithItsReasonAndCannotBeRetried() {
        String id = UUID.randomUUID().toString();
        assertTrue(store.enqueue(FEED.name(), id, "PatientRegistered", T0, null, "payload has no mrn", T0));
        OutboundMessage m = row(id);
        assertEquals("FAILED", m.status);
        assertEquals("payload has no mrn", m.lastError);
        assertNull(m.messageText);
        assertFalse(store.retry(m.id, T0));
        drainAt(sender(), T0);
        assertTrue(accepted().isEmpty());
    }
}
