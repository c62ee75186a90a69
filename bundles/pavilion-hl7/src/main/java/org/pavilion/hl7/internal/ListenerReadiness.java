package org.pavilion.hl7.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;
import org.pavilion.hl7.internal.transport.GuardedMllpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Essential health check {@value #NAME}: DOWN until every configured MLLP listener has bound its port, and DOWN
 * while one could not (the port in the detail, never message content). So a load balancer or an interface engine
 * that waits for UP can connect at once. Listeners report their state here; the configured ones are read from
 * Config Admin (factory PID {@value Hl7Listener#FACTORY_PID}), so a listener whose activation failed (a missing
 * TLS key store, say) counts as not started rather than being forgotten.
 */
@Component(service = { HealthContributor.class, ListenerReadiness.class })
public class ListenerReadiness implements HealthContributor {

    static final String NAME = "hl7-listeners";
    private static final Logger LOG = LoggerFactory.getLogger(ListenerReadiness.class);

    /** A listener configuration: its service.pid, name and port. */
    public record Configured(String pid, String name, int port) {
    }

    private enum State { BINDING, BOUND, FAILED }

    /** One activation of a listener, told by its MLLP consumer; reports after its deactivation change nothing. */
    public final class Listener implements GuardedMllpEndpoint.BindWatcher {
        private final String pid;
        private final int port;
        private volatile State state = State.BINDING;
        private volatile String failure;

        private Listener(String pid, int port) {
            this.pid = pid;
            this.port = port;
        }

        /** The port is bound: connections are accepted (queued by the backlog until the accept thread runs). */
        @Override
        public void bound(int boundPort) {
            state = State.BOUND;
            failure = null;
        }

        /** The port could not be bound; {@code reason} names no message content. */
        @Override
        public void failed(String reason) {
            LOG.error("HL7 listener {} could not bind port {}: {}", pid, port, reason);
            failure = reason;
            state = State.FAILED;
        }

        /** The route stopped: the port is closed until it starts again. */
        @Override
        public void unbound() {
            if (state == State.BOUND) {
                state = State.BINDING;
            }
        }

        /** The listener's component went away. */
        public void stopped() {
            listeners.remove(pid, this);
        }
    }

    private final Supplier<List<Configured>> configured;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    @Activate
    public ListenerReadiness(@Reference ConfigurationAdmin configAdmin) {
        this(() -> configured(configAdmin));
    }

    /** {@code configured}: the listener configurations in force. */
    ListenerReadiness(Supplier<List<Configured>> configured) {
        this.configured = configured;
    }

    /** A listener of configuration {@code pid} starts on {@code port}: DOWN until it reports bound. */
    public Listener starting(String pid, int port) {
        Listener l = new Listener(pid, port);
        listeners.put(pid, l);
        return l;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public HealthCheck check() {
        List<String> problems = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (Configured c : configured.get()) {
            Listener l = listeners.get(c.pid());
            String which = "listener " + c.name() + " (port " + (l == null ? c.port() : l.port) + ")";
            if (l == null) {
                problems.add(which + " not started");
            } else if (l.state == State.BINDING) {
                problems.add(which + " not bound yet");
            } else if (l.state == State.FAILED) {
                problems.add(which + " failed to bind: " + l.failure);
            } else {
                ports.add(String.valueOf(l.port));
            }
        }
        if (!problems.isEmpty()) {
            return HealthCheck.down(String.join("; ", problems));
        }
        return HealthCheck.up(ports.isEmpty() ? "no listener configured"
                : ports.size() + " listener(s) accepting on port(s) " + String.join(", ", ports));
    }

    static List<Configured> configured(ConfigurationAdmin configAdmin) {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(service.factoryPid=" + Hl7Listener.FACTORY_PID + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("listener configurations unreadable: " + e.getMessage(), e);
        }
        if (all == null) {
            return List.of();
        }
        List<Configured> out = new ArrayList<>();
        for (Configuration c : all) {
            Dictionary<String, Object> d = c.getProperties();
            if (d == null) {
                continue; // created but not yet given properties: no listener is expected for it yet
            }
            Map<String, Object> props = new java.util.HashMap<>();
            for (String k : Collections.list(d.keys())) {
                props.put(k, d.get(k));
            }
            Object name = props.get("name");
            out.add(new Configured(c.getPid(), FactoryConfigName.of(name == null ? null : name.toString(),
                    Hl7Listener.FACTORY_PID, props), port(props.get("port"))));
        }
        return out;
    }

    private static int port(Object configured) {
        if (configured == null) {
            return 2575; // ListenerConfig's default
        }
        try {
            return Integer.parseInt(configured.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
