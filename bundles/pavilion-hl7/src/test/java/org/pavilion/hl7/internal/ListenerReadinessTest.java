package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.hl7.internal.transport.GuardedMllpEndpoint;

/** Health says UP only once every configured MLLP listener has bound its port, and DOWN naming a port that failed. */
public class ListenerReadinessTest {

    private final List<ListenerReadiness.Configured> configured = new ArrayList<>();
    private final ListenerReadiness readiness = new ListenerReadiness(() -> List.copyOf(configured));
    private CamelContext camel;

    @Before
    public void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @After
    public void stopCamel() {
        camel.stop();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts a listener route as Hl7Listener does (guarded endpoint, the readiness told of the bind). */
    private void startListener(String routeId, int port, ListenerReadiness.Listener listener) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                MllpComponent mllp = getContext().getComponent("mllp", MllpComponent.class);
                from(GuardedMllpEndpoint.create(mllp, "mllp://127.0.0.1:" + port + "?autoAck=false"
                        + "&reuseAddress=true&bindTimeout=600&bindRetryInterval=100", socket -> true, null, listener))
                        .routeId(routeId).log("received");
            }
        });
    }

    @Test
    public void downUntilTheListenersPortIsBoundThenAConnectSucceedsAtOnce() throws Exception {
        int port = freePort();
        configured.add(new ListenerReadiness.Configured("org.pavilion.hl7.listener.adt", "adt", port));
        HealthCheck before = readiness.check();
        assertEquals(HealthCheck.Status.DOWN, before.getStatus());
        assertEquals("listener adt (port " + port + ") not started", before.getDetail());
        assertTrue(readiness.essential());

        ListenerReadiness.Listener adt = readiness.starting("org.pavilion.hl7.listener.adt", port);
        HealthCheck binding = readiness.check();
        assertEquals(HealthCheck.Status.DOWN, binding.getStatus());
        assertTrue(binding.getDetail(), binding.getDetail().contains("port " + port + ") not bound yet"));

        startListener("adt", port, adt);
        HealthCheck up = readiness.check();
        assertEquals(up.getDetail(), HealthCheck.Status.UP, up.getStatus());
        assertEquals("1 listener(s) accepting on port(s) " + port, up.getDetail());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000); // no retry: UP means it is there
            assertTrue(s.isConnected());
        }

        camel.getRouteController().stopRoute("adt");
        assertEquals("a stopped route closed the port", HealthCheck.Status.DOWN, readiness.check().getStatus());
        adt.stopped();
        assertEquals("listener adt (port " + port + ") not started", readiness.check().getDetail());
    }

    @Test
    public void aPortHeldElsewhereIsDownWithThePortInTheDetail() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = squatter.getLocalPort();
            int free = freePort();
            configured.add(new ListenerReadiness.Configured("pid.lab", "lab", port));
            configured.add(new ListenerReadiness.Configured("pid.ward", "ward", free));
            startListener("ward", free, readiness.starting("pid.ward", free));
            try {
                startListener("lab", port, readiness.starting("pid.lab", port));
                fail("the port is taken");
            } catch (Exception expected) {
                // camel-mllp gives up after bindTimeout
            }
            HealthCheck h = readiness.check();
            assertEquals(HealthCheck.Status.DOWN, h.getStatus());
            assertTrue(h.getDetail(), h.getDetail().startsWith("listener lab (port " + port + ") failed to bind: "));
            assertTrue(h.getDetail(), h.getDetail().contains(String.valueOf(port)));
            assertTrue("the bound one is not reported as a problem", !h.getDetail().contains("ward"));
        }
    }

    @Test
    public void upWithNoListenerConfigured() {
        HealthCheck h = readiness.check();
        assertEquals(HealthCheck.Status.UP, h.getStatus());
        assertEquals("no listener configured", h.getDetail());
        assertEquals("hl7-listeners", readiness.name());
    }
}
