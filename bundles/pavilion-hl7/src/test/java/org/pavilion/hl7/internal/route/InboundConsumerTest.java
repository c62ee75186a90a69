package org.pavilion.hl7.internal.route;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.hl7.internal.AcceptedMessage;
import org.pavilion.hl7.internal.Hl7Text;

/** A slow route on pavilion-hl7:inbound: the hub's publishing never waits for it, and it keeps the hub's order. */
public class InboundConsumerTest {

    private final InboundTopic topic = new InboundTopic();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstTaken = new CountDownLatch(1);
    private DefaultCamelContext camel;

    @Before
    public void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent(Hl7Component.SCHEME, new Hl7Component(topic, null));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("pavilion-hl7:inbound?type=ADT&queueSize=2").routeId("slow").process(e -> {
                    firstTaken.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    received.add(e.getMessage().getHeader("CamelHL7MessageControl", String.class) + " "
                            + e.getMessage().getHeader(Hl7Headers.MESSAGE_ID, String.class));
                });
            }
        });
        camel.start();
    }

    @After
    public void stop() {
        camel.stop();
    }

    private static AcceptedMessage accepted(String id, String msh9, String controlId) {
        String text = "MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||" + msh9 + "|" + controlId + "|P|2.5.1\r";
        return new AcceptedMessage(id, "default", Hl7Text.header(text), text, "CREATED");
    }

    @Test
    public void publishingNeverWaitsForASlowRouteWhichGetsMessagesInOrder() throws Exception {
        assertEquals(1, topic.subscribers());
        topic.publish(accepted("m1", "ADT^A04^ADT_A01", "C1"));
        assertTrue(firstTaken.await(10, TimeUnit.SECONDS)); // the route now blocks on m1
        long start = System.nanoTime();
        topic.publish(accepted("m2", "ADT^A08^ADT_A01", "C2"));
        topic.publish(accepted("lab", "ORU^R01^ORU_R01", "L1")); // not a type this route takes
        topic.publish(accepted("m3", "ADT^A04^ADT_A01", "C3"));
        topic.publish(accepted("m4", "ADT^A04^ADT_A01", "C4")); // queue of 2 is full: not queued for this route
        assertTrue("publishing took as long as the route", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(List.of("C1 m1", "C2 m2", "C3 m3"), received);
    }

    @Test
    public void aStoppedRouteNoLongerSubscribes() throws Exception {
        camel.getRouteController().stopRoute("slow");
        assertEquals(0, topic.subscribers());
        topic.publish(accepted("m1", "ADT^A04^ADT_A01", "C1"));
        assertEquals(List.of(), received);
    }
}
