package org.pavilion.events.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.persistence.EntityManager;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.events.api.Events;

/**
 * The bus end to end outside OSGi: a department publishes through OpenJPA in its own transaction, the
 * relay (driven tick by tick with a controlled clock) delivers to subscriber routes in a plain CamelContext.
 */
public class EventBusTest {

    private static final RelaySettings SETTINGS = new RelaySettings(new Backoff(1_000, 3_000), 4, 100, 7 * 24 * 3_600_000L, 7 * 24 * 3_600_000L);

    /** One container's worth of bus: a restart is a new Node over the same database. */
    private final class Node {
        final SubscriberRegistry registry = new SubscriberRegistry();
        final EventRelay relay = new EventRelay(new EventStore(db.dataSource), registry, SETTINGS, clock);
        final CamelContext camel = new DefaultCamelContext();

        Node() {
            camel.addComponent(Events.SCHEME, new EventComponent(registry));
            camel.start();
        }

        Node subscribe(String uri, String routeId, RecordingSubscriber subscriber) throws Exception {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId(routeId).process(subscriber);
                }
            });
            return this;
        }

        void ticks(int n) {
            for (int i = 0; i < n; i++) {
                relay.runOnce();
            }
        }
    }

    private TestDatabase db;
    private MutableClock clock;
    private EventStore store;
    private EventPublisher publisher;
    private final List<Node> nodes = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase();
        clock = new MutableClock();
        store = new EventStore(db.dataSource);
        publisher = new OutboxPublisher(OutboxPublisher.payloadMapper(), "org.pavilion.registration", Clock.systemUTC());
    }

    @After
    public void tearDown() throws Exception {
        nodes.forEach(n -> n.camel.stop());
        db.close();
    }

    private Node node() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    /** A department's unit of work: its own change and the event commit together, or neither. */
    private String publishInTransaction(String type, Object payload, boolean commit) {
        return publishAllInTransaction(List.of(new EventPublisher.Event(type, payload)), commit).get(0);
    }

    @Test
    public void committedEventReachesEachMatchingSubscriberOnceWithItsStableId() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        RecordingSubscriber lab = new RecordingSubscriber();
        RecordingSubscriber everything = new RecordingSubscriber();
        Node node = node()
                .subscribe("pavilion-event:billing?types=PatientRegistered,AppointmentBooked", "billing", billing)
                .subscribe("pavilion-event:lab?types=LabOrdered", "lab", lab)
                .subscribe("pavilion-event:archive", "archive", everything);

        String id = publishInTransaction("PatientRegistered",
                Map.of("patientId", "P-100", "birthDate", LocalDate.of(1980, 2, 29)), true);
        node.ticks(5);

        assertEquals(List.of(id), billing.ids());
        assertEquals(List.of(id), everything.ids());
        assertEquals(List.of(), lab.ids());
        RecordingSubscriber.Received got = billing.received.get(0);
        assertEquals("PatientRegistered", got.type());
        assertEquals("org.pavilion.registration", got.source());
        assertEquals("billing", got.subscriber());
        assertEquals("subscribers act as a named system caller", "events:billing", got.caller());
        assertEquals(Integer.valueOf(1), got.attempt());
        assertTrue(got.occurredAt() instanceof Instant);
        assertTrue(got.body(), got.body().contains("\"patientId\":\"P-100\""));
        assertTrue(got.body(), got.body().contains("\"birthDate\":\"1980-02-29\""));
        assertEquals("DELIVERED", db.delivery(id, "billing")[0]);
        assertNull("no delivery row for a subscriber of other types", db.delivery(id, "lab"));
    }

    /** A group of registrations publishes its events together: each delivered once with its id; none if rolled back. */
    @Test
    public void eventsPublishedTogetherAreDeliveredOnceEachAndNotAtAllWhenRolledBack() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        Node node = node().subscribe("pavilion-event:billing?types=PatientRegistered", "billing", billing);
        List<EventPublisher.Event> group = List.of(
                new EventPublisher.Event("PatientRegistered", Map.of("patientId", "P-201")),
                new EventPublisher.Event("PatientRegistered", Map.of("patientId", "P-202")),
                new EventPublisher.Event("PatientRegistered", Map.of("patientId", "P-203")));
        List<String> ids = publishAllInTransaction(group, true);
        publishAllInTransaction(List.of(new EventPublisher.Event("PatientRegistered", Map.of("patientId", "P-299"))),
                false);
        node.ticks(5);

        assertEquals(3, Set.copyOf(ids).size());
        assertEquals("each once", Set.copyOf(ids), Set.copyOf(billing.ids()));
        assertEquals(3, billing.ids().size());
        for (int i = 0; i < 3; i++) {
            String body = billing.received.get(billing.ids().indexOf(ids.get(i))).body();
            assertTrue(body, body.contains("\"P-20" + (i + 1) + "\""));
        }
    }

    /**
     * Two containers on one database relay at once (each claims its rows in one batch): every event is fanned out
     * to the subscriber exactly once, whichever relay claims it; the one that loses a row skips it.
     */
    @Test
    public void twoRelaysAtOnceFanEachEventOutOnce() throws Exception {
        store.saveSubscriptions(List.of(new Subscription("billing", Set.of("PatientRegistered"), 0)), 0);
        List<EventPublisher.Event> feed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            feed.add(new EventPublisher.Event("PatientRegistered", Map.of("patientId", "P-" + (5000 + i))));
        }
        publishAllInTransaction(feed, true);
        int[] relayedBy = new int[2];
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        CyclicBarrier start = new CyclicBarrier(2);
        Thread[] relays = new Thread[2];
        for (int r = 0; r < 2; r++) {
            int me = r;
            EventStore own = new EventStore(db.dataSource);
            relays[r] = new Thread(() -> {
                try {
                    start.await();
                    int lostRaces = 0;
                    for (int n = -1; n != 0;) {
                        try {
                            n = own.fanOut(0, 50, 1_000);
                            relayedBy[me] += n;
                        } catch (RuntimeException lostARace) {
                            // A database that refuses the second writer of a row (H2): the tick rolls back, try again.
                            if (++lostRaces > 100) {
                                throw lostARace;
                            }
                        }
                    }
                } catch (Exception e) {
                    failed.add(e);
                }
            });
            relays[r].start();
        }
        for (Thread t : relays) {
            t.join(60_000);
        }
        assertEquals(List.of(), failed);
        assertEquals("each row claimed by one relay", 300, relayedBy[0] + relayedBy[1]);
        assertEquals(300, db.count("SELECT COUNT(*) FROM events_delivery WHERE subscriber = 'billing'"));
        assertEquals(300, db.count("SELECT COUNT(DISTINCT event_id) FROM events_delivery"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM events_outbox WHERE relayed = FALSE"));
    }

    private List<String> publishAllInTransaction(List<EventPublisher.Event> events, boolean commit) {
        EntityManager em = db.emf.createEntityManager();
        try {
            em.getTransaction().begin();
            List<String> ids = publisher.publishAll(em, events);
            if (commit) {
                em.getTransaction().commit();
            } else {
                em.getTransaction().rollback();
            }
            return ids;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /**
     * A registration and the updates that follow it in one millisecond (a feed's group commits them together) reach
     * a subscriber in the order they were published: an HL7 feed must not send the update before the registration.
     */
    @Test
    public void eventsOfOneMillisecondAreDeliveredInTheOrderTheyWerePublished() throws Exception {
        RecordingSubscriber feed = new RecordingSubscriber();
        Node node = node().subscribe("pavilion-event:feed?types=PatientRegistered,PatientUpdated", "feed", feed);
        publisher = new OutboxPublisher(OutboxPublisher.payloadMapper(), "org.pavilion.emr",
                Clock.fixed(Instant.ofEpochMilli(System.currentTimeMillis() + 1), ZoneOffset.UTC)); // after subscribing
        List<String> published = new ArrayList<>();
        published.add(publishInTransaction("PatientRegistered", Map.of("patientId", "P-400"), true));
        for (int i = 1; i <= 20; i++) {
            published.add(publishInTransaction("PatientUpdated", Map.of("patientId", "P-400", "change", i), true));
        }
        List<EventPublisher.Event> group = new ArrayList<>();
        for (int i = 21; i <= 40; i++) {
            group.add(new EventPublisher.Event("PatientUpdated", Map.of("patientId", "P-400", "change", i)));
        }
        published.addAll(publishAllInTransaction(group, true));
        node.ticks(10);

        assertEquals(published, feed.ids());
    }

    private String publishAbout(String subjectKey, String type, Object payload) {
        return publishAllInTransaction(List.of(new EventPublisher.Event(type, subjectKey, payload)), true).get(0);
    }

    /** The ids a subscriber handled without failing that belong to {@code subject}, in the order handled. */
    private static List<String> handledOf(RecordingSubscriber subscriber, List<String> subject) {
        return subscriber.handled.stream().filter(subject::contains).toList();
    }

    /**
     * The outpatient clinic's scheduling feed fails twice on the booking of appointment A-1 (its database is
     * restarting): the reschedule and the cancellation of A-1 wait behind the booking, and reach the feed after it, in
     * order; appointment A-2, booked later, and the pharmacy's copy of A-1's events go on meanwhile.
     */
    @Test
    public void aSubscriberFailingTwiceGetsTheEventsOfOneSubjectInOrderWhileOtherSubjectsGoOn() throws Exception {
        RecordingSubscriber clinic = new RecordingSubscriber();
        RecordingSubscriber pharmacy = new RecordingSubscriber();
        Node node = node()
                .subscribe("pavilion-event:clinic-schedule", "clinic", clinic)
                .subscribe("pavilion-event:pharmacy", "pharmacy", pharmacy);
        Thread.sleep(2); // events after the subscriptions' first-seen milliseconds
        List<String> a1 = new ArrayList<>();
        a1.add(publishAbout("appointment:A-1", "AppointmentBooked", Map.of("appointmentId", "A-1", "at", "09:00")));
        clinic.failuresLeft.put(a1.get(0), 2);
        a1.add(publishAbout("appointment:A-1", "AppointmentRescheduled", Map.of("appointmentId", "A-1", "at", "11:30")));
        String a2 = publishAbout("appointment:A-2", "AppointmentBooked", Map.of("appointmentId", "A-2", "at", "10:00"));
        String unkeyed = publishInTransaction("ChargePosted", Map.of("amount", 25), true);

        node.ticks(1);
        assertEquals("A-2 and the unkeyed charge are not held back by A-1", List.of(a2, unkeyed), clinic.handled);
        assertEquals("one attempt at A-1's booking, none at its reschedule", List.of(a1.get(0), a2, unkeyed), clinic.ids());
        assertEquals("another subscriber is not held back", List.of(a1.get(0), a1.get(1), a2, unkeyed), pharmacy.handled);
        assertEquals("PENDING", db.delivery(a1.get(1), "clinic-schedule")[0]);
        assertEquals("held, not attempted", 0, db.delivery(a1.get(1), "clinic-schedule")[1]);

        // Cancelled while the booking waits for its retry: it waits too, however many ticks pass.
        a1.add(publishAbout("appointment:A-1", "AppointmentCancelled", Map.of("appointmentId", "A-1")));
        node.ticks(3);
        assertEquals(List.of(), handledOf(clinic, a1));

        clock.advance(1_000); // second attempt: fails again, back-off doubles
        node.ticks(2);
        assertEquals(List.of(), handledOf(clinic, a1));
        assertEquals(2, db.delivery(a1.get(0), "clinic-schedule")[1]);

        clock.advance(2_000); // third attempt succeeds; the two behind it follow in the same tick
        node.ticks(1);
        assertEquals(a1, handledOf(clinic, a1));
        List<RecordingSubscriber.Received> got = clinic.received.stream().filter(r -> a1.contains(r.eventId())).toList();
        assertEquals(List.of(1, 2, 3, 1, 1), got.stream().map(RecordingSubscriber.Received::attempt).toList());
        assertEquals("appointment:A-1", got.get(4).subject());
        assertNull("no subject header on an event published without a key",
                clinic.received.stream().filter(r -> r.eventId().equals(unkeyed)).findFirst().orElseThrow().subject());
        assertEquals(a1, handledOf(pharmacy, a1));
    }

    /**
     * A ward's results feed cannot take the first result of order O-1 (a code it does not know): after the last
     * attempt it is a dead letter, and the correction of that result stays held behind it, shown in the listing, until
     * an administrator replays the first (the feed was fixed) and both go out in order. Order O-2's first result is
     * discarded instead; its correction then goes out on its own.
     */
    @Test
    public void aDeadLetterHoldsBackItsSubjectUntilReplayedOrDiscarded() throws Exception {
        RecordingSubscriber ward = new RecordingSubscriber();
        Node node = node().subscribe("pavilion-event:ward-results?types=LabResultAvailable,LabResultCorrected", "ward", ward);
        Thread.sleep(2);
        String o1Result = publishAbout("order:O-1", "LabResultAvailable", Map.of("orderId", "O-1", "potassium", 9.9));
        String o2Result = publishAbout("order:O-2", "LabResultAvailable", Map.of("orderId", "O-2", "sodium", 200));
        String o1Corrected = publishAbout("order:O-1", "LabResultCorrected", Map.of("orderId", "O-1", "potassium", 4.1));
        String o2Corrected = publishAbout("order:O-2", "LabResultCorrected", Map.of("orderId", "O-2", "sodium", 140));
        ward.failuresLeft.put(o1Result, Integer.MAX_VALUE);
        ward.failuresLeft.put(o2Result, Integer.MAX_VALUE);
        for (int attempt = 0; attempt < 4; attempt++) { // SETTINGS: parked after 4 attempts
            node.ticks(1);
            clock.advance(3_000);
        }
        node.ticks(2);
        assertEquals("PARKED", db.delivery(o1Result, "ward-results")[0]);
        assertEquals("PARKED", db.delivery(o2Result, "ward-results")[0]);
        assertEquals("held behind the dead letters", List.of(), ward.handled);
        assertEquals(0, db.delivery(o1Corrected, "ward-results")[1]);

        String deadLetter = (String) db.delivery(o1Result, "ward-results")[4];
        DeadLetter listed = store.parked(0, 10).stream().filter(d -> d.id.equals(deadLetter)).findFirst().orElseThrow();
        assertEquals("order:O-1", listed.subjectKey);
        assertEquals(1, listed.holdsBack);
        assertNull(listed.blockedBy);
        assertEquals("the held delivery names what blocks it", deadLetter,
                store.delivery((String) db.delivery(o1Corrected, "ward-results")[4]).orElseThrow().blockedBy);

        ward.failuresLeft.clear();
        assertEquals(EventStore.ReplayOutcome.REPLAYED, store.replay(deadLetter, clock.millis()));
        node.ticks(1);
        assertEquals(List.of(o1Result, o1Corrected), ward.handled);

        String discarded = (String) db.delivery(o2Result, "ward-results")[4];
        assertEquals(EventStore.ReplayOutcome.DISCARDED, store.discard(discarded, clock.millis()));
        assertEquals(EventStore.ReplayOutcome.NOT_PARKED, store.discard(discarded, clock.millis()));
        node.ticks(1);
        assertEquals(List.of(o1Result, o1Corrected, o2Corrected), ward.handled);
        assertEquals("DISCARDED", db.delivery(o2Result, "ward-results")[0]);
        assertEquals(0, store.countParked());

        clock.advance(8 * 24 * 3_600_000L);
        node.ticks(1);
        assertNull("a discarded delivery is purged as a delivered one", db.delivery(o2Result, "ward-results"));
    }

    /**
     * Two containers relay at once while the EMR keeps publishing about three patients: one container runs the
     * subscriber, both fan out, racing for the same outbox rows. Each patient's events reach the subscriber once each and
     * in the order they were published.
     */
    @Test
    public void twoRelaysAtOnceKeepEachSubjectsOrder() throws Exception {
        RecordingSubscriber feed = new RecordingSubscriber();
        Node withSubscriber = node().subscribe("pavilion-event:adt-feed", "adt-feed", feed);
        withSubscriber.ticks(1); // its subscription is stored before the first event
        Node fanOutOnly = node();
        Thread.sleep(2);
        Map<String, List<String>> published = Map.of("patient:P-1", new CopyOnWriteArrayList<>(),
                "patient:P-2", new CopyOnWriteArrayList<>(), "patient:P-3", new CopyOnWriteArrayList<>());
        List<String> keys = List.of("patient:P-1", "patient:P-2", "patient:P-3");
        int events = 240;
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        Thread emr = new Thread(() -> {
            try {
                for (int i = 0; i < events; i += 2) { // transactions of one or two events, as the EMR's are
                    String k1 = keys.get(i % 3);
                    String k2 = keys.get((i + 1) % 3);
                    List<String> ids = publishAllInTransaction(List.of(
                            new EventPublisher.Event("PatientUpdated", k1, Map.of("change", i)),
                            new EventPublisher.Event("PatientUpdated", k2, Map.of("change", i + 1))), true);
                    published.get(k1).add(ids.get(0));
                    published.get(k2).add(ids.get(1));
                }
            } catch (Throwable e) {
                failed.add(e);
            } finally {
                publishing.set(false);
            }
        });
        Thread[] relays = new Thread[2];
        Node[] relayNodes = {withSubscriber, fanOutOnly};
        for (int r = 0; r < 2; r++) {
            Node me = relayNodes[r];
            relays[r] = new Thread(() -> {
                long giveUp = System.currentTimeMillis() + 60_000;
                while ((publishing.get() || feed.handled.size() < events) && System.currentTimeMillis() < giveUp) {
                    try {
                        me.relay.runOnce();
                    } catch (EventStoreException lostARace) {
                        // H2 refuses the second writer of a row: that tick rolls back, the next one carries on.
                    }
                }
            });
        }
        emr.start();
        for (Thread t : relays) {
            t.start();
        }
        emr.join(60_000);
        for (Thread t : relays) {
            t.join(70_000);
        }
        assertEquals(List.of(), failed);
        assertEquals("each event once", events, feed.handled.size());
        for (String key : keys) {
            assertEquals(key, published.get(key), handledOf(feed, published.get(key)));
        }
    }

    @Test
    public void rolledBackTransactionsEventIsNeverDelivered() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        Node node = node().subscribe("pavilion-event:billing?types=PatientRegistered", "billing", billing);

        String rolledBack = publishInTransaction("PatientRegistered", Map.of("patientId", "P-1"), false);
        String committed = publishInTransaction("PatientRegistered", Map.of("patientId", "P-2"), true);
        node.ticks(5);

        assertEquals(List.of(committed), billing.ids());
        assertEquals(0, db.count("SELECT COUNT(*) FROM events_outbox WHERE id = '" + rolledBack + "'"));
    }

    @Test
    public void failingSubscriberIsRetriedWithBackoffThenParked() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        billing.failing.set(true);
        Node node = node().subscribe("pavilion-event:billing?types=AppointmentBooked", "billing", billing);
        String id = publishInTransaction("AppointmentBooked", Map.of("appointmentId", "A-1"), true);

        node.ticks(1);
        assertEquals(1, billing.received.size());
        Object[] row = db.delivery(id, "billing");
        assertEquals("PENDING", row[0]);
        assertEquals(1, row[1]);
        assertEquals(clock.millis() + 1_000, row[2]);
        assertTrue((String) row[3], ((String) row[3]).contains("subscriber database is down"));

        // Not due yet: nothing happens until the back-off has passed.
        clock.advance(999);
        node.ticks(3);
        assertEquals(1, billing.received.size());
        clock.advance(1);
        node.ticks(1);
        assertEquals(2, billing.received.size());
        assertEquals(clock.millis() + 2_000, db.delivery(id, "billing")[2]);

        clock.advance(2_000);
        node.ticks(1);
        assertEquals(3, billing.received.size());
        // Doubling would give 4 s; the configured maximum is 3 s.
        assertEquals(clock.millis() + 3_000, db.delivery(id, "billing")[2]);

        clock.advance(3_000);
        node.ticks(1);
        assertEquals(List.of(1, 2, 3, 4), billing.received.stream().map(RecordingSubscriber.Received::attempt).toList());
        assertEquals("PARKED", db.delivery(id, "billing")[0]);
        assertEquals(4, db.delivery(id, "billing")[1]);

        clock.advance(3_600_000);
        node.ticks(3);
        assertEquals("a parked delivery is not retried", 4, billing.received.size());
        List<DeadLetter> parked = store.parked(0, 10);
        assertEquals(1, parked.size());
        assertEquals(id, parked.get(0).eventId);
        assertEquals("AppointmentBooked", parked.get(0).eventType);
        assertEquals("{\"appointmentId\":\"A-1\"}", parked.get(0).payload);
    }

    @Test
    public void parkedEventReplayedIsDeliveredWithTheSameId() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        billing.failing.set(true);
        Node node = node().subscribe("pavilion-event:billing", "billing", billing);
        String id = publishInTransaction("ChargePosted", Map.of("amount", 120), true);
        for (int i = 0; i < 4; i++) {
            node.ticks(1);
            clock.advance(3_000);
        }
        String deliveryId = (String) db.delivery(id, "billing")[4];
        assertEquals("PARKED", db.delivery(id, "billing")[0]);

        billing.failing.set(false);
        assertEquals(EventStore.ReplayOutcome.REPLAYED, store.replay(deliveryId, clock.millis()));
        assertEquals(0, db.delivery(id, "billing")[1]);
        node.ticks(2);

        assertEquals(5, billing.received.size());
        assertEquals(id, billing.received.get(4).eventId());
        assertEquals("attempts restart after a replay", Integer.valueOf(1), billing.received.get(4).attempt());
        assertEquals("DELIVERED", db.delivery(id, "billing")[0]);
        assertEquals(0, store.countParked());
        assertEquals(EventStore.ReplayOutcome.NOT_PARKED, store.replay(deliveryId, clock.millis()));
        assertEquals(EventStore.ReplayOutcome.NOT_FOUND, store.replay("no-such-delivery", clock.millis()));
    }

    @Test
    public void twoSubscribersHaveTheirOwnDeliveries() throws Exception {
        RecordingSubscriber billing = new RecordingSubscriber();
        RecordingSubscriber pharmacy = new RecordingSubscriber();
        billing.failing.set(true);
        Node node = node()
                .subscribe("pavilion-event:billing?types=MedicationDispensed", "billing", billing)
                .subscribe("pavilion-event:pharmacy-stock?types=MedicationDispensed", "pharmacy", pharmacy);
        String id = publishInTransaction("MedicationDispensed", Map.of("sku", "X"), true);

        node.ticks(1);
        assertEquals("DELIVERED", db.delivery(id, "pharmacy-stock")[0]);
        assertEquals("PENDING", db.delivery(id, "billing")[0]);

        billing.failing.set(false);
        clock.advance(1_000);
        node.ticks(3);
        assertEquals(List.of(id, id), billing.ids());
        assertEquals("the healthy subscriber is not redelivered to", List.of(id), pharmacy.ids());
        assertEquals("DELIVERED", db.delivery(id, "billing")[0]);
    }

    @Test
    public void pendingWorkSurvivesRestart() throws Exception {
        RecordingSubscriber beforeRestart = new RecordingSubscriber();
        beforeRestart.failing.set(true);
        Node first = node().subscribe("pavilion-event:billing?types=PatientDischarged", "billing", beforeRestart);
        String retried = publishInTransaction("PatientDischarged", Map.of("patientId", "P-7"), true);
        first.ticks(1);
        // Committed while the container goes down, before any relay saw it.
        first.camel.stop();
        String unrelayed = publishInTransaction("PatientDischarged", Map.of("patientId", "P-8"), true);

        // The new relay runs before the subscriber's route is back: the durable subscription keeps the event.
        Node second = node();
        second.ticks(2);
        RecordingSubscriber afterRestart = new RecordingSubscriber();
        second.subscribe("pavilion-event:billing?types=PatientDischarged", "billing", afterRestart);
        clock.advance(1_000);
        second.ticks(3);

        assertEquals(List.of(retried), beforeRestart.ids());
        assertEquals(Set.of(retried, unrelayed), Set.copyOf(afterRestart.ids()));
        assertEquals(2, afterRestart.ids().size());
        assertEquals("the retried delivery keeps its attempt count", Integer.valueOf(2), afterRestart.received.stream()
                .filter(r -> r.eventId().equals(retried)).findFirst().orElseThrow().attempt());
        assertEquals("DELIVERED", db.delivery(unrelayed, "billing")[0]);
    }

    @Test
    public void eventWithoutSubscriberIsKeptAsRelayedAndALaterSubscriberDoesNotGetIt() throws Exception {
        Node node = node();
        String early = publishInTransaction("LabResultAvailable", Map.of("orderId", "L-1"), true);
        node.ticks(1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM events_outbox WHERE relayed = TRUE AND id = '" + early + "'"));

        // Committed but not yet relayed when the subscriber first appears: still older than the subscriber.
        publishInTransaction("LabResultAvailable", Map.of("orderId", "L-2"), true);
        Thread.sleep(5); // event times and first-seen times are in milliseconds
        RecordingSubscriber emr = new RecordingSubscriber();
        node.subscribe("pavilion-event:emr?types=LabResultAvailable", "emr", emr);
        Thread.sleep(5);
        String later = publishInTransaction("LabResultAvailable", Map.of("orderId", "L-3"), true);
        node.ticks(3);

        assertEquals(List.of(later), emr.ids());
    }

    @Test
    public void stoppedSubscriberKeepsItsEventsUntilRetentionThenTheyAreParkedAndOldDeliveredOnesPurged() throws Exception {
        RecordingSubscriber pharmacy = new RecordingSubscriber();
        RecordingSubscriber billing = new RecordingSubscriber();
        Node node = node()
                .subscribe("pavilion-event:pharmacy?types=PrescriptionIssued", "pharmacy", pharmacy)
                .subscribe("pavilion-event:billing?types=PrescriptionIssued,ChargePosted", "billing", billing);
        node.ticks(1);
        node.camel.getRouteController().stopRoute("pharmacy"); // its department is uninstalled

        String prescription = publishInTransaction("PrescriptionIssued", Map.of("rx", "R-1"), true);
        String charge = publishInTransaction("ChargePosted", Map.of("amount", 10), true);
        node.ticks(2);
        assertEquals("kept for a subscriber that was seen lately", "PENDING", db.delivery(prescription, "pharmacy")[0]);
        assertEquals(List.of(), pharmacy.ids());
        assertEquals(List.of(prescription, charge), billing.ids());

        clock.advance(8 * 24 * 3_600_000L);
        node.ticks(1);
        Object[] abandoned = db.delivery(prescription, "pharmacy");
        assertEquals("PARKED", abandoned[0]);
        assertTrue((String) abandoned[3], ((String) abandoned[3]).startsWith("subscriber not seen since"));
        assertNull("delivered and past retention: purged", db.delivery(charge, "billing"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM events_outbox WHERE id = '" + charge + "'"));
        assertEquals("still referenced by a dead letter", 1, db.count("SELECT COUNT(*) FROM events_outbox WHERE id = '" + prescription + "'"));

        String later = publishInTransaction("PrescriptionIssued", Map.of("rx", "R-2"), true);
        node.ticks(1);
        assertNull("no longer stored for a subscriber gone past retention", db.delivery(later, "pharmacy"));
        assertEquals("DELIVERED", db.delivery(later, "billing")[0]);
    }

    @Test
    public void databaseOutageIsReportedAndTheRelayCarriesOnAfterwards() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused");
                    }
                    try {
                        return method.invoke(db.dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SubscriberRegistry registry = new SubscriberRegistry();
        EventRelay relay = new EventRelay(new EventStore(flaky), registry, SETTINGS, clock);
        Node node = node();
        node.camel.addComponent("pavilion-event-flaky", new EventComponent(registry));
        RecordingSubscriber billing = new RecordingSubscriber();
        node.subscribe("pavilion-event-flaky:billing", "billing", billing);
        String id = publishInTransaction("ChargePosted", Map.of("amount", 5), true);

        down.set(true);
        relay.tick();
        assertTrue(relay.failure(), relay.failure().contains("connection refused"));
        assertEquals(List.of(), billing.ids());

        down.set(false);
        relay.tick();
        assertNull(relay.failure());
        assertEquals(List.of(id), billing.ids());
    }

    @Test
    public void publishingNeedsTheCallersTransactionAndAValidType() {
        EntityManager em = db.emf.createEntityManager();
        try {
            assertThrows(IllegalStateException.class, () -> publisher.publish(em, "PatientRegistered", Map.of()));
            em.getTransaction().begin();
            assertThrows(IllegalArgumentException.class, () -> publisher.publish(em, "Patient Registered", Map.of()));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish(em, "A,B", Map.of()));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish(em, "PatientRegistered", new Object()));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish(em, "PatientRegistered", " ", Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> publisher.publish(em, "PatientRegistered", "patient:" + "9".repeat(Events.SUBJECT_KEY_MAX_LENGTH), Map.of()));
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    @Test
    public void subscriberUrisAreChecked() throws Exception {
        Node node = node().subscribe("pavilion-event:billing", "billing", new RecordingSubscriber());
        assertThrows(FailedToCreateRouteException.class,
                () -> node.subscribe("pavilion-event:billing?tpyes=PatientRegistered", "typo", new RecordingSubscriber()));
        assertThrows(FailedToCreateRouteException.class,
                () -> node.subscribe("pavilion-event:bad name", "bad", new RecordingSubscriber()));
        // A second route for the same subscriber would split its deliveries.
        Exception e = assertThrows(Exception.class,
                () -> node.subscribe("pavilion-event:billing?types=ChargePosted", "billing-2", new RecordingSubscriber()));
        assertTrue(e.toString(), e instanceof FailedToStartRouteException || e.getCause() instanceof IllegalStateException
                || String.valueOf(e.getMessage()).contains("already consumed"));
    }
}
