package org.pavilion.hl7.internal.transport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;

/**
 * A camel-mllp server endpoint whose consumer asks a {@link Gate} about each accepted connection before camel-mllp
 * reads a byte from it: a peer the gate refuses is reset at once, so nothing it sent is read, stored or answered.
 * An admitted connection is read through a {@link FrameBoundedSocket}: unframed bytes are cut off at the buffer bound.
 * While a message is processed, {@link #peerSubject()} gives the TLS client certificate's subject of the
 * connection it came on (processing runs on the connection's own thread).
 */
public final class GuardedMllpEndpoint extends MllpEndpoint {

    /** Decides on a freshly accepted connection; false: refuse it (the gate records why). */
    @FunctionalInterface
    public interface Gate {
        boolean admit(Socket socket);
    }

    /** Told when the consumer's port is bound, could not be bound, or closed again (for readiness). */
    public interface BindWatcher {
        void bound(int port);

        /** {@code reason}: the exception's type and text (a port or a file name, never message content). */
        void failed(String reason);

        void unbound();

        BindWatcher NONE = new BindWatcher() {
            @Override
            public void bound(int port) {
            }

            @Override
            public void failed(String reason) {
            }

            @Override
            public void unbound() {
            }
        };
    }

    private static final ThreadLocal<String> PEER_SUBJECT = new ThreadLocal<>();

    private final Gate gate;
    private final BindWatcher watcher;

    private GuardedMllpEndpoint(String uri, MllpComponent component, MllpConfiguration configuration, Gate gate,
            BindWatcher watcher) {
        super(uri, component, configuration);
        this.gate = gate;
        this.watcher = watcher;
    }

    /** The endpoint for {@code uri} (options parsed by the component) with the gate and TLS settings added. */
    public static GuardedMllpEndpoint create(MllpComponent component, String uri, Gate gate,
            org.apache.camel.support.jsse.SSLContextParameters tls) throws Exception {
        return create(component, uri, gate, tls, BindWatcher.NONE);
    }

    /** As above, telling {@code watcher} when the port is bound, fails to bind, or closes. */
    public static GuardedMllpEndpoint create(MllpComponent component, String uri, Gate gate,
            org.apache.camel.support.jsse.SSLContextParameters tls, BindWatcher watcher) throws Exception {
        MllpEndpoint parsed = (MllpEndpoint) component.createEndpoint(uri);
        MllpConfiguration configuration = parsed.getConfiguration().copy();
        configuration.setSslContextParameters(tls);
        GuardedMllpEndpoint endpoint = new GuardedMllpEndpoint(uri, component, configuration, gate, watcher);
        endpoint.setHostname(parsed.getHostname());
        endpoint.setPort(parsed.getPort());
        endpoint.setCamelContext(component.getCamelContext());
        return endpoint;
    }

    /** The TLS client certificate's subject of the message being processed on this thread; null without one. */
    public static String peerSubject() {
        return PEER_SUBJECT.get();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new GuardedConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    static String subjectOf(Socket connection) {
        Socket socket = connection instanceof FrameBoundedSocket bounded ? bounded.unwrap() : connection;
        if (socket instanceof SSLSocket ssl) {
            try {
                return ssl.getSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                return null;
            }
        }
        return null;
    }

    private static final class GuardedConsumer extends MllpTcpServerConsumer {

        private final Gate gate;
        private final BindWatcher watcher;

        GuardedConsumer(GuardedMllpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            this.gate = endpoint.gate;
            this.watcher = endpoint.watcher;
        }

        // camel-mllp binds in doStart (retrying up to bindTimeout) and starts accepting once the socket is bound;
        // it throws a BindException from doStart when the port could not be bound in time.
        @Override
        public void startAcceptThread(ServerSocket serverSocket) {
            super.startAcceptThread(serverSocket);
            watcher.bound(serverSocket.getLocalPort());
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception | Error e) {
                watcher.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }

        @Override
        protected void doStop() throws Exception {
            watcher.unbound();
            super.doStop();
        }

        @Override
        public void validateConsumer(Socket socket) {
            if (gate.admit(socket)) {
                super.validateConsumer(new FrameBoundedSocket(socket, getConfiguration().getMaxBufferSize()));
                return;
            }
            try {
                socket.setSoLinger(true, 0); // a reset: the peer learns nothing but that it was refused
            } catch (IOException ignored) {
                // closing below is what matters
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        @Override
        public void processMessage(byte[] message, TcpSocketConsumerRunnable connection) {
            PEER_SUBJECT.set(subjectOf(connection.getSocket()));
            try {
                super.processMessage(message, connection);
            } finally {
                PEER_SUBJECT.remove();
            }
        }
    }
}
