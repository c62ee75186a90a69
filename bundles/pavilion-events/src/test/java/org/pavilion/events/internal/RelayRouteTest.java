package org.pavilion.events.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.events.api.Events;

/** The relay as it runs in the container: its own timer route in the same CamelContext as the subscribers. */
public class RelayRouteTest {

    private TestDatabase db;
    private CamelContext camel;
    private final RecordingSubscriber emr = new RecordingSubscriber();

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase();
        SubscriberRegistry registry = new SubscriberRegistry();
        EventRelay relay = new EventRelay(new EventStore(db.dataSource), registry,
                new RelaySettings(new Backoff(50, 200), 5, 100, 3_600_000, 3_600_000), Clock.systemUTC());
        camel = new DefaultCamelContext();
        camel.addComponent(Events.SCHEME, new EventComponent(registry));
        camel.addRoutes(new RelayRoutes(relay, 50));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("pavilion-event:emr?types=LabResultAvailable").routeId("emr-lab-results").process(emr);
            }
        });
        camel.start();
    }

    @After
    public void tearDown() throws Exception {
        camel.stop();
        db.close();
    }

    @Test
    public void committedEventIsDeliveredAfterCommitWithoutAnyoneDrivingTheRelay() throws Exception {
        emr.failing.set(true);
        String id;
        EntityManager em = db.emf.createEntityManager();
        try {
            em.getTransaction().begin();
            id = new OutboxPublisher(OutboxPublisher.payloadMapper(), "org.pavilion.lab", Clock.systemUTC())
                    .publish(em, "LabResultAvailable", Map.of("orderId", "L-9"));
            // Several polls pass while the transaction is open: nothing uncommitted may go out.
            Thread.sleep(300);
            assertEquals(List.of(), emr.received);
            em.getTransaction().commit();
        } finally {
            em.close();
        }

        // First attempt fails; the back-off (50 ms, then 100 ms) retries it on later polls.
        await().atMost(Duration.ofSeconds(5)).until(() -> emr.received.size() >= 2);
        emr.failing.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(db.delivery(id, "emr")[0]));
        assertEquals(id, emr.received.get(emr.received.size() - 1).eventId());
    }
}
