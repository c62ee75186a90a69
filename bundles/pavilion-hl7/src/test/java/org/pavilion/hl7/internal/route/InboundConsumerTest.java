package org.pavilion.hl7.internal.route;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.hl7.internal.InboundDatabase;
import org.pavilion.hl7.internal.MessageStore;
import org.pavilion.hl7.internal.StoredMessage;

/**
 * Routes on pavilion-hl7:inbound read the accepted messages from the store (H2 with the bundle's real change log)
 * after their own cursor: the hub never waits for a slow route, order is the order of acceptance, and a route
 * stopped meanwhile gets, when it starts again, what was accepted while it was stopped.
 */
public class InboundConsumerTest {

    private final InboundTopic topic = new InboundTopic();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private CountDownLatch release = new CountDownLatch(0);
    private final CountDownLatch firstTaken = new CountDownLatch(1);
    private InboundDatabase db;
    private MessageStore store;
    private DefaultCamelContext camel;

    @Before
    public void start() throws Exception {
        db = new InboundDatabase();
        store = new MessageStore(db);
        accept("ADT^A04^ADT_A01", "BEFORE"); // accepted before the route ever ran: not its business
        camel = new DefaultCamelContext();
        camel.addComponent(Hl7Component.SCHEME, new Hl7Component(topic, null, store));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("pavilion-hl7:inbound?type=ADT").routeId("ward-copy").process(e -> {
                    firstTaken.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    received.add(e.getMessage().getHeader("CamelHL7MessageControl", String.class) + " "
                            + e.getMessage().getHeader("PavilionHl7Outcome", String.class));
                });
            }
        });
        camel.start();
    }

    @After
    public void stop() {
        camel.stop();
        store.close();
    }

    /** The hub's path for one message answered AA: stored, completed (committed), routes woken. */
    private void accept(String msh9, String controlId) {
        String text = "MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||" + msh9 + "|" + controlId + "|P|2.5.1\r"
                + "PID|1||" + controlId + "^^^HOSP^MR||Okafor^Adaeze\r";
        StoredMessage m = new StoredMessage();
        m.listener = "default";
        m.remoteAddress = "127.0.0.1";
        m.sender = "ADT1|HOSP";
        m.controlId = controlId;
        m.messageType = msh9.substring(0, 7);
        m.version = "2.5.1";
        m.charset = "UTF-8";
        m.sizeBytes = text.length();
        m.receivedMs = System.currentTimeMillis();
        m.rawText = text;
        MessageStore.Receipt r = store.receive(m);
        store.complete(r.id(), MessageStore.PROCESSED, "AA", "MSH|^~\\&\rMSA|AA|" + controlId + "\r", null,
                "patient " + controlId, System.currentTimeMillis(), 1);
        topic.wake();
    }

    private void awaitReceived(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // and nothing more
    }

    @Test
    public void theHubNeverWaitsForASlowRouteWhichGetsItsTypesInTheOrderAccepted() throws Exception {
        release = new CountDownLatch(1);
        assertEquals(1, topic.subscribers());
        accept("ADT^A04^ADT_A01", "C1");
        assertTrue(firstTaken.await(10, TimeUnit.SECONDS)); // the route now blocks on C1
        long start = System.nanoTime();
        accept("ADT^A08^ADT_A01", "C2");
        accept("ORU^R01^ORU_R01", "L1"); // not a type this route takes
        accept("ADT^A04^ADT_A01", "C3");
        accept("ADT^A04^ADT_A01", "C4");
        assertTrue("accepting waited for the route", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        release.countDown();
        awaitReceived(4);
        assertEquals(List.of("C1 patient C1", "C2 patient C2", "C3 patient C3", "C4 patient C4"), received);
    }

    @Test
    public void aRouteStoppedMeanwhileGetsWhatWasAcceptedWhileItWasStoppedAndNothingTwice() throws Exception {
        accept("ADT^A04^ADT_A01", "C1");
        awaitReceived(1);
        camel.getRouteController().stopRoute("ward-copy");
        assertEquals(0, topic.subscribers());
        List<String> whileStopped = new ArrayList<>();
        for (int i = 2; i <= 150; i++) { // more than a page
            accept("ADT^A04^ADT_A01", "C" + i);
            whileStopped.add("C" + i + " patient C" + i);
        }
        Thread.sleep(200);
        assertEquals(List.of("C1 patient C1"), received);
        camel.getRouteController().startRoute("ward-copy");
        awaitReceived(150);
        List<String> expected = new ArrayList<>(List.of("C1 patient C1"));
        expected.addAll(whileStopped);
        assertEquals(expected, received);
        assertEquals("the cursor is where the route got to", Long.valueOf(store.lastAcceptSeq()),
                store.routeCursor("ward-copy"));
    }
}
