package org.pavilion.hl7.internal;

import java.nio.charset.Charset;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MLLP listener per factory configuration: a Camel mllp consumer route contributed to the container's
 * CamelContext through the RoutesBuilder whiteboard. autoAck is off: the ACK is the one the processor built
 * after the message's outcome committed, set as the CamelMllpAcknowledgement exchange property.
 */
@Component(service = {}, configurationPid = Hl7Listener.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ListenerConfig.class, factory = true)
public class Hl7Listener {

    public static final String FACTORY_PID = "org.pavilion.hl7.listener";
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Listener.class);
    /** Headroom above maxMessageBytes, so a slightly oversize message is still read whole and answered AR. */
    private static final int BUFFER_HEADROOM = 64 * 1024;

    private final ServiceRegistration<RoutesBuilder> registration;
    private final String name;

    @Activate
    public Hl7Listener(BundleContext context, ListenerConfig config, Map<String, Object> properties,
            @Reference Hl7Hub hub) {
        name = name(config, properties);
        Hl7Processor.Settings settings = new Hl7Processor.Settings(Charset.forName(config.charset()),
                config.maxMessageBytes());
        String uri = uri(config);
        String routeId = "hl7-listener-" + name;
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(exchange -> acknowledge(exchange, hub, settings));
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("pavilion.hl7.listener", name);
        registration = context.registerService(RoutesBuilder.class, routes, props);
        LOG.info("HL7 listener '{}' on {}:{} (route {})", name, config.host(), config.port(), routeId);
    }

    static String uri(ListenerConfig c) {
        long buffer = Math.min(Integer.MAX_VALUE, (long) c.maxMessageBytes() + BUFFER_HEADROOM);
        // reuseAddress: after a crash the port is free at once (camel-mllp's default refuses to bind while the
        // killed process's connections linger in TIME_WAIT, and the listener would stay down); bindTimeout: a
        // port briefly held elsewhere is retried for two minutes.
        return "mllp://" + c.host() + ":" + c.port() + "?autoAck=false&stringPayload=false&hl7Headers=false"
                + "&reuseAddress=true&bindTimeout=120000"
                + "&validatePayload=false&maxConcurrentConsumers=" + c.maxConcurrentConsumers()
                + "&maxBufferSize=" + buffer + (c.idleTimeoutMs() > 0 ? "&idleTimeout=" + c.idleTimeoutMs() : "");
    }

    private void acknowledge(Exchange exchange, Hl7Hub hub, Hl7Processor.Settings settings) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String remote = exchange.getMessage().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
        byte[] ack = hub.processor().receive(name, remote, body == null ? new byte[0] : body, settings);
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
    }

    static String name(ListenerConfig config, Map<String, Object> properties) {
        return FactoryConfigName.of(config.name(), FACTORY_PID, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // our bundle is stopping; the framework unregistered it
        }
        LOG.info("HL7 listener '{}' stopped", name);
    }
}
