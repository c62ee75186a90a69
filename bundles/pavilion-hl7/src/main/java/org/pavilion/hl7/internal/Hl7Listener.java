package org.pavilion.hl7.internal;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.hl7.internal.transport.AddressAllowList;
import org.pavilion.hl7.internal.transport.GuardedMllpEndpoint;
import org.pavilion.hl7.internal.transport.RefusalLimiter;
import org.pavilion.hl7.internal.transport.SenderAllowList;
import org.pavilion.hl7.internal.transport.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MLLP listener per factory configuration: a Camel mllp consumer route contributed to the container's
 * CamelContext through the RoutesBuilder whiteboard. autoAck is off: the ACK is the one the processor built
 * after the message's outcome committed, set as the CamelMllpAcknowledgement exchange property.
 *
 * <p>Who may talk to it is checked twice before the hub sees anything: the peer's address when the connection is
 * accepted (refused connections are reset unread), and MSH-3/MSH-4 of each message (refused ones are answered AR
 * here and never reach the message store). Both refusals are audited as HL7_SENDER_REFUSED, rate-limited.
 */
@Component(service = {}, configurationPid = Hl7Listener.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ListenerConfig.class, factory = true)
public class Hl7Listener {

    public static final String FACTORY_PID = "org.pavilion.hl7.listener";
    static final String REFUSED = "HL7_SENDER_REFUSED";
    static final String SENDER_NOT_ALLOWED = "sender not allowed on this listener";
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Listener.class);
    /** Headroom above maxMessageBytes, so a slightly oversize message is still read whole and answered AR. */
    private static final int BUFFER_HEADROOM = 64 * 1024;
    /** Refusals recorded (audit and WARN) per listener and minute; the rest are counted. */
    private static final int REFUSALS_RECORDED_PER_MINUTE = 20;

    private final ServiceRegistration<RoutesBuilder> registration;
    private final ListenerReadiness.Listener readiness;
    private final String name;
    private final AuditService audit;
    private final AddressAllowList addresses;
    private final SenderAllowList senders;
    private final RefusalLimiter limiter = new RefusalLimiter(REFUSALS_RECORDED_PER_MINUTE, System::currentTimeMillis);
    private final AckClock clock = new AckClock();
    private final AtomicLong refusalCounter = new AtomicLong();

    @Activate
    public Hl7Listener(BundleContext context, ListenerConfig config, Map<String, Object> properties,
            @Reference Hl7Hub hub, @Reference AuditService audit, @Reference ListenerReadiness readinessCheck) {
        name = name(config, properties);
        this.audit = audit;
        addresses = AddressAllowList.parse(config.allowedAddresses());
        senders = SenderAllowList.parse(config.allowedSenders());
        Hl7Processor.Settings settings = new Hl7Processor.Settings(Charset.forName(config.charset()),
                config.maxMessageBytes());
        String uri = uri(config);
        String routeId = "hl7-listener-" + name;
        Path etc = etc();
        if (config.tls()) {
            tls(config, null, etc); // a missing file or bad clientAuth fails activation, with the reason logged
        }
        // Health stays DOWN from here until the route's consumer has bound the port.
        readiness = readinessCheck.starting(String.valueOf(properties.get(Constants.SERVICE_PID)), config.port());
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                MllpComponent mllp = getContext().getComponent("mllp", MllpComponent.class);
                mllp.setLogPhi(false); // camel-mllp's own log lines and exception texts carry no message content
                SSLContextParameters tls = config.tls() ? tls(config, getContext(), etc) : null;
                from(GuardedMllpEndpoint.create(mllp, uri, Hl7Listener.this::admit, tls, readiness)).routeId(routeId)
                        .process(exchange -> acknowledge(exchange, hub, settings));
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("pavilion.hl7.listener", name);
        registration = context.registerService(RoutesBuilder.class, routes, props);
        LOG.info("HL7 listener '{}' on {}:{} (route {}, {}, addresses: {}, senders: {})", name, config.host(),
                config.port(), routeId, config.tls() ? "TLS, client certificates " + config.clientAuth() : "plain TCP",
                addresses, senders);
    }

    static SSLContextParameters tls(ListenerConfig c, org.apache.camel.CamelContext camel, Path etc) {
        return TlsContexts.server(camel, etc, new TlsContexts.Store(c.keystore(), c._keystorePassword(), c.keystoreType()),
                new TlsContexts.Store(c.truststore(), c._truststorePassword(), c.keystoreType()), c.clientAuth());
    }

    static Path etc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null ? "etc" : etc);
    }

    static String uri(ListenerConfig c) {
        long buffer = Math.min(Integer.MAX_VALUE, (long) c.maxMessageBytes() + BUFFER_HEADROOM);
        // reuseAddress: after a crash the port is free at once (camel-mllp's default refuses to bind while the
        // killed process's connections linger in TIME_WAIT, and the listener would stay down); bindTimeout: a
        // port briefly held elsewhere is retried for two minutes. maxBufferSize bounds what a sender of
        // unframed bytes can make us hold: camel-mllp resets the connection when it is exceeded. An idle check
        // only runs when a read times out, so receiveTimeout is kept at or below idleTimeout.
        String idle = "";
        if (c.idleTimeoutMs() > 0) {
            idle = "&idleTimeout=" + c.idleTimeoutMs() + "&receiveTimeout=" + Math.min(15000, c.idleTimeoutMs());
        }
        return "mllp://" + c.host() + ":" + c.port() + "?autoAck=false&stringPayload=false&hl7Headers=false"
                + "&reuseAddress=true&bindTimeout=120000"
                + "&validatePayload=false&maxConcurrentConsumers=" + c.maxConcurrentConsumers()
                + "&maxBufferSize=" + buffer + idle;
    }

    /** The connection gate: a peer outside allowedAddresses is refused before a byte is read. */
    boolean admit(Socket socket) {
        InetAddress peer = socket.getInetAddress();
        if (addresses.allows(peer)) {
            return true;
        }
        refused(peer == null ? "unknown" : peer.getHostAddress(), "address not in allowedAddresses", null);
        return false;
    }

    private void acknowledge(Exchange exchange, Hl7Hub hub, Hl7Processor.Settings settings) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        byte[] raw = body == null ? new byte[0] : body;
        String remote = exchange.getMessage().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
        byte[] ack = senders.anySender() ? null : refuseSender(raw, remote, settings);
        if (ack == null) {
            ack = hub.processor().receive(name, remote, raw, settings);
        }
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
    }

    /** The AR for a message whose MSH-3/MSH-4 this listener does not take; null when it is allowed. */
    private byte[] refuseSender(byte[] raw, String remote, Hl7Processor.Settings settings) {
        Charset charset = Hl7Text.charsetOf(raw, settings.defaultCharset());
        Hl7Text.Header h;
        try {
            h = Hl7Text.header(Hl7Text.normalise(new String(raw, charset)));
        } catch (IllegalArgumentException noHeader) {
            // no header, no identity: with a sender allow-list in force that is not a sender we take
            h = new Hl7Text.Header('|', "^~\\&", "", "", "", "", "", "", "", "P", "2.5", "");
        }
        if (senders.allows(h.sendingApplication(), h.sendingFacility(), h.componentSeparator())) {
            return null;
        }
        String subject = GuardedMllpEndpoint.peerSubject();
        refused(remote, "sender " + clip(h.sendingApplication()) + "^" + clip(h.sendingFacility())
                + " not in allowedSenders", subject);
        String ack = Ack.build(h, "AR", SENDER_NOT_ALLOWED, new Ack.Error("MSH", 1, 3, Ack.INTERNAL_ERROR),
                "PAVR" + Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                        + Long.toString(refusalCounter.incrementAndGet() % 1_679_616, 36).toUpperCase(),
                clock.now());
        return ack.getBytes(charset);
    }

    /** One audit record and WARN per refusal, as far as the limiter lets through; never message content. */
    private void refused(String address, String why, String certificateSubject) {
        long held = limiter.admit();
        if (held < 0) {
            return;
        }
        String detail = "listener " + name + ", address " + address + ": " + why
                + (certificateSubject == null ? "" : ", client certificate " + clip(certificateSubject))
                + (held > 0 ? " (" + held + " earlier refusals not recorded)" : "");
        LOG.warn("HL7 listener refused a sender: {}", detail);
        try {
            audit.record(AuditEvent.of(REFUSED, "hl7-listener").resourceId(name).outcome(AuditOutcome.DENIED)
                    .detail(detail).build().as(Caller.inContainer("hl7-listener:" + name, Set.of(), address)));
        } catch (RuntimeException e) {
            LOG.warn("HL7 listener '{}': refusal not audited: {}", name, e.toString());
        }
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    static String name(ListenerConfig config, Map<String, Object> properties) {
        return FactoryConfigName.of(config.name(), FACTORY_PID, properties);
    }

    @Deactivate
    void deactivate() {
        readiness.stopped();
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // our bundle is stopping; the framework unregistered it
        }
        LOG.info("HL7 listener '{}' stopped", name);
    }
}
