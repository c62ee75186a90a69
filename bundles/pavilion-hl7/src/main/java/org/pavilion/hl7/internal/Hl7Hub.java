package org.pavilion.hl7.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import java.util.Map;

import javax.sql.DataSource;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.internal.outbound.Builders;
import org.pavilion.hl7.internal.outbound.OutboundStore;
import org.pavilion.hl7.internal.route.InboundTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: owns the stores of hl7_message and hl7_outbound and the processor the listeners, feeds, REST and shell
 * share. Departments' {@link Hl7Handler}s are tracked whiteboard-style (any number, coming and going):
 * a type without one is answered AR naming the department to install. On start it recovers the messages an
 * earlier run stored but never completed (see {@link Hl7Processor#recover}), on its own thread, and again whenever
 * a handler comes (ADT stored while the EMR was away).
 */
@Component(service = Hl7Hub.class, configurationPid = Hl7Hub.PID)
@Designate(ocd = Hl7Hub.Config.class)
public class Hl7Hub {

    static final String PID = "org.pavilion.hl7.hub";

    @ObjectClassDefinition(name = "Pavilion HL7 hub",
            description = "The inbound message store shared by every MLLP listener")
    public @interface Config {
        @AttributeDefinition(name = "Most messages waiting to be stored",
                description = "New inbound messages waiting for the store's commit, over all listeners. One more "
                        + "is refused: the listener closes the connection without an ACK, so the sender resends "
                        + "later; nothing is acknowledged that is not stored. Applied without a restart.", min = "1")
        int maxPendingMessages() default MessageStore.DEFAULT_MAX_PENDING_RECEIPTS;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Hub.class);

    private final MessageStore store;
    private final Hl7Processor processor;
    private final OutboundStore outbound;
    /** Integrators' routes reading accepted messages (pavilion-hl7:inbound), woken after each AA commit. */
    private final InboundTopic inbound = new InboundTopic();
    private final long startedMs;
    private final ExecutorService recovery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pavilion-hl7-recovery");
        t.setDaemon(true);
        return t;
    });
    private final Handlers handlers = new Handlers();
    private final Builders builders = new Builders();

    @Activate
    public Hl7Hub(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource, Config config) {
        this.startedMs = System.currentTimeMillis();
        this.store = new MessageStore(dataSource);
        store.maxPendingReceipts(config.maxPendingMessages());
        this.processor = new Hl7Processor(store, handlers, inbound::wake);
        this.outbound = new OutboundStore(dataSource);
        recoverLater();
    }

    @Modified
    void modified(Config config) {
        store.maxPendingReceipts(config.maxPendingMessages());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(Hl7Handler handler, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        handlers.add(handler, ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : Long.MAX_VALUE);
        recoverLater(); // messages left waiting for this department
    }

    void unbindHandler(Hl7Handler handler) {
        handlers.remove(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBuilder(OutboundBuilder builder, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        builders.add(builder, ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : Long.MAX_VALUE);
    }

    void unbindBuilder(OutboundBuilder builder) {
        builders.remove(builder);
    }

    /** The departments' outbound builders by event type, which the feeds use. */
    public Builders builders() {
        return builders;
    }

    private void recoverLater() {
        try {
            recovery.execute(() -> {
                try {
                    int n = processor.recover(startedMs);
                    if (n > 0) {
                        LOG.info("HL7 recovery: {} message(s) stored before the restart and never answered were "
                                + "processed", n);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("HL7 recovery stopped; senders' retries and the next start process the rest", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    @Deactivate
    void deactivate() {
        recovery.shutdownNow();
        try {
            recovery.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    public MessageStore store() {
        return store;
    }

    /** The outbound feeds' queue (hl7_outbound). */
    public OutboundStore outbound() {
        return outbound;
    }

    /** The departments' handlers by message type. */
    public Handlers handlers() {
        return handlers;
    }

    public Hl7Processor processor() {
        return processor;
    }

    public InboundTopic inbound() {
        return inbound;
    }
}
