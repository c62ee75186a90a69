package org.pavilion.hl7.internal.outbound;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.events.api.Events;
import org.pavilion.hl7.internal.FactoryConfigName;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundMessage;
import org.pavilion.hl7.internal.Hl7Hub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound feed per factory configuration: an event bus subscriber route {@code hl7-feed-<name>} that queues
 * the feed's message for each event in hl7_outbound (idempotent by event id, committed before the route returns,
 * so an event is queued at least once and exactly one row results), and a {@link FeedSender} that sends the queue
 * over MLLP. No {@code @Modified}: a changed configuration re-activates the feed; a deleted one, or the bundle
 * stopping, deactivates it, which withdraws the route, stops the sender's thread and closes its connection.
 * The feed knows the EMR only by its events' JSON: without the EMR no event comes and the feed stays idle.
 */
@Component(service = {}, configurationPid = OutboundFeed.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FeedConfig.class, factory = true)
public class OutboundFeed {

    public static final String FACTORY_PID = "org.pavilion.hl7.feed";
    private static final Logger LOG = LoggerFactory.getLogger(OutboundFeed.class);
    /** Names of running feeds: two senders on one feed's rows would send each message twice. */
    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private final String name;
    private ServiceRegistration<RoutesBuilder> route;
    private FeedSender sender;
    private boolean nameClaimed;

    @Activate
    public OutboundFeed(BundleContext context, FeedConfig config, Map<String, Object> properties,
            @Reference Hl7Hub hub, @Reference(target = "(camel.context.name=pavilion)") CamelContext camel,
            @Reference(target = "(camel.name=" + Events.SCHEME + ")") org.apache.camel.Component eventBus)
            throws Exception {
        name = name(config, properties);
        if (!config.enabled()) {
            LOG.info("HL7 feed '{}' is disabled (enabled = false): nothing is queued or sent", name);
            return;
        }
        FeedSettings feed = FeedSettings.from(name, config);
        if (!RUNNING.add(name)) {
            throw new IllegalStateException("HL7 feed '" + name + "' is configured twice; this one does not start");
        }
        nameClaimed = true;
        OutboundStore store = hub.outbound();
        Builders builders = hub.builders();
        ZoneId zone = ZoneId.systemDefault();
        try {
            sender = new FeedSender(feed, store, new MllpLink(camel, feed, MllpLink.tls(camel, config, feed.host())), Clock.systemUTC());
        } catch (Exception e) {
            RUNNING.remove(name);
            throw e;
        }
        String uri = Events.SCHEME + ":" + feed.subscriber() + "?types="
                + String.join(",", new TreeSet<>(feed.events()));
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(feed.subscriber()).process(exchange -> enqueue(exchange, feed, builders, zone,
                        store));
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("pavilion.hl7.feed", name);
        sender.start();
        try {
            route = context.registerService(RoutesBuilder.class, routes, props);
        } catch (RuntimeException e) {
            sender.stop();
            RUNNING.remove(name);
            throw e;
        }
        LOG.info("HL7 feed '{}': {} as HL7 v{} to {}:{}", name, feed.events(), feed.version(), feed.host(),
                feed.port());
    }

    /**
     * Runs on the event relay's thread: the message of the event's builder is queued, committed before the delivery
     * counts as done; an event no installed department builds from, or whose payload cannot make a message, is
     * queued FAILED with the reason; one its builder says gives nothing to send is not queued.
     */
    private static void enqueue(Exchange exchange, FeedSettings feed, Builders builders, ZoneId zone,
            OutboundStore store) {
        String eventId = exchange.getIn().getHeader(Events.HEADER_ID, String.class);
        String type = exchange.getIn().getHeader(Events.HEADER_TYPE, String.class);
        Instant occurred = exchange.getIn().getHeader(Events.HEADER_OCCURRED_AT, Instant.class);
        long now = System.currentTimeMillis();
        Instant at = occurred == null ? Instant.ofEpochMilli(now) : occurred;
        AdtBuilder.Built built = null;
        String unbuildable = null;
        OutboundBuilder builder = builders.find(type);
        try {
            if (builder == null) {
                throw new OutboundBuildException("no installed department builds a message from event " + type, null);
            }
            FeedContext context = new FeedContext(feed, AdtBuilder.newControlId(), at, zone);
            Optional<OutboundMessage> m = builder.build(type, exchange.getIn().getBody(String.class), context);
            if (m == null || m.isEmpty()) {
                LOG.debug("HL7 feed '{}': event {} {} gives nothing to send", feed.name(), type, eventId);
                return;
            }
            built = new AdtBuilder.Built(m.get().messageType(), context.controlId(), feed.version(),
                    m.get().subjectKey(), m.get().relatedKey(), m.get().text());
        } catch (RuntimeException e) {
            // OutboundBuildException is the payload's fault; anything else the builder's: neither is retried
            unbuildable = e instanceof OutboundBuildException ? e.getMessage()
                    : "the builder of " + (builder == null ? "?" : builder.department()) + " failed: " + e;
            LOG.warn("HL7 feed '{}': event {} {} gives no message, stored as FAILED: {}", feed.name(), type, eventId,
                    unbuildable);
        }
        store.enqueue(feed.name(), eventId, type, at.toEpochMilli(), built, unbuildable, now);
    }

    static String name(FeedConfig config, Map<String, Object> properties) {
        return FactoryConfigName.of(config.name(), FACTORY_PID, properties);
    }

    @Deactivate
    void deactivate() {
        if (route != null) {
            try {
                route.unregister();
            } catch (IllegalStateException alreadyGone) {
                // our bundle is stopping; the framework unregistered it
            }
        }
        if (sender != null) {
            sender.stop();
        }
        if (nameClaimed) {
            RUNNING.remove(name);
        }
        LOG.info("HL7 feed '{}' stopped", name);
    }
}
