package org.pavilion.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationException;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * A second system behind the hub (bed board, radiology) as HAPI builds one: {@code HapiContext.newServer(port,
 * false)} answering AA to every message and keeping what it received. Owns its HAPI context and thread pool (see
 * {@link HapiMllp} on why), whose threads see HAPI's class loader as context loader.
 */
public final class HapiMllpServer implements AutoCloseable {

    private final ExecutorService threads;
    private final HapiContext hapi;
    private final HL7Service server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public HapiMllpServer(int port) throws Exception {
        this(port, null);
    }

    /** @param tlsSockets a socket factory whose TLS server sockets carry a certificate; null: plain TCP */
    public HapiMllpServer(int port, ca.uhn.hl7v2.util.SocketFactory tlsSockets) throws Exception {
        ClassLoader hapiLoader = HapiContext.class.getClassLoader();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "itest-hapi-server-" + port);
            t.setDaemon(true);
            t.setContextClassLoader(hapiLoader);
            return t;
        });
        hapi = HapiMllp.withHapiLoaderChecked(() -> {
            HapiContext c = new DefaultHapiContext(threads);
            c.setValidationContext(ValidationContextFactory.noValidation());
            if (tlsSockets != null) {
                c.setSocketFactory(tlsSockets);
            }
            return c;
        });
        server = hapi.newServer(port, tlsSockets != null);
        server.registerApplication(new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata)
                    throws ReceivingApplicationException, HL7Exception {
                received.add(message.encode());
                try {
                    return message.generateACK();
                } catch (java.io.IOException e) {
                    throw new HL7Exception(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        HapiMllp.withHapiLoaderChecked(() -> {
            server.startAndWait();
            return null;
        });
    }

    /** The next message received within {@code bound}, or null. */
    public String next(Duration bound) throws InterruptedException {
        return received.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything received so far that nobody took yet. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        server.stopAndWait();
        hapi.getConnectionHub().discardAll();
        threads.shutdownNow();
    }
}
