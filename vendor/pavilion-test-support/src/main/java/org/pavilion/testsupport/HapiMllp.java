package org.pavilion.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * A sending system as HAPI builds one: HAPI's own MLLP client ({@code HapiContext.newClient(host, port, false)}
 * and its {@code Initiator}), one long-lived connection, reopened when the other side closed it.
 * <p>
 * Each instance owns its HAPI context and that context's thread pool. Left to itself, a {@link DefaultHapiContext}
 * runs its connections' receiver threads on HAPI's JVM-wide {@code DefaultExecutorService}, and {@code close()}
 * shuts that shared pool down: every later client in the container then opens its socket but cannot start the
 * thread that reads the ACK, and its sends fail while the half-made connections stay open on the listener until
 * it refuses new ones (max consumers). In the probe that happened after the first test method, because Pax Exam
 * runs each method as its own JUnit request, {@code @AfterClass} included. Close an instance when its test ends.
 */
public final class HapiMllp implements AutoCloseable {

    private final String host;
    private final int port;
    private final ExecutorService threads;
    private final HapiContext hapi;
    private Connection connection;
    /** TLS: HAPI's client dials with its socket factory's createTlsSocket(). */
    private final boolean tls;

    /** Plain TCP to {@code host:port}. */
    public HapiMllp(String host, int port) {
        this(host, port, null);
    }

    /** @param tlsSockets a socket factory whose TLS sockets trust the listener's CA; null: plain TCP */
    public HapiMllp(String host, int port, ca.uhn.hl7v2.util.SocketFactory tlsSockets) {
        this.tls = tlsSockets != null;
        this.host = host;
        this.port = port;
        ClassLoader hapiLoader = HapiContext.class.getClassLoader();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "itest-hapi-client-" + port);
            t.setDaemon(true);
            t.setContextClassLoader(hapiLoader);
            return t;
        });
        this.hapi = withHapiLoader(() -> {
            HapiContext c = new DefaultHapiContext(threads);
            c.setValidationContext(ValidationContextFactory.noValidation());
            // Write each message in the character set its MSH-18 names, as sending systems do (HAPI's default
            // writes everything in one configured charset).
            c.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
            if (tlsSockets != null) {
                c.setSocketFactory(tlsSockets);
            }
            return c;
        });
    }

    /** This client's HAPI context (its parser encodes and parses as the client does). */
    public HapiContext context() {
        return hapi;
    }

    /** Parses {@code text}, sends it with HAPI's Initiator and returns the ACK HAPI received and parsed. */
    public synchronized Message sendAndReceive(String text) throws Exception {
        return withHapiLoaderChecked(() -> {
            Message out = hapi.getPipeParser().parse(text);
            try {
                return connection().getInitiator().sendAndReceive(out);
            } catch (Exception e) {
                drop();
                throw e;
            }
        });
    }

    /** {@link #sendAndReceive} and the ACK re-encoded as HAPI sees it. */
    public String send(String text) throws Exception {
        Message ack = sendAndReceive(text);
        return withHapiLoaderChecked(() -> hapi.getPipeParser().encode(ack));
    }

    private Connection connection() throws Exception {
        if (connection == null || !connection.isOpen()) {
            connection = hapi.newClient(host, port, tls);
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            hapi.getConnectionHub().discard(connection);
            connection = null;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        drop();
        hapi.close(); // discards its connections; the pool is ours, so HAPI leaves it running
        threads.shutdownNow();
    }

    /** HAPI with its own class loader as context loader: it finds the structures pavilion-camel embeds. */
    public static <T> T withHapiLoader(java.util.function.Supplier<T> work) {
        try {
            return withHapiLoaderChecked(work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T withHapiLoaderChecked(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(HapiContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /**
     * Sends raw bytes in one MLLP frame over a plain socket to 127.0.0.1:{@code port}, bypassing HAPI (for bytes HAPI
     * would not send as they are), and returns the ACK's bytes decoded with {@code charset}.
     */
    public static String sendFramed(int port, byte[] message, Charset charset) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(0x0b);
            out.write(message);
            out.write(0x1c);
            out.write(0x0d);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            int b = in.read();
            if (b != 0x0b) {
                throw new IOException("no MLLP start block, got " + b);
            }
            while ((b = in.read()) != 0x1c) {
                if (b < 0) {
                    throw new IOException("connection closed before the end of the ACK");
                }
                ack.write(b);
            }
            return ack.toString(charset);
        }
    }
}
