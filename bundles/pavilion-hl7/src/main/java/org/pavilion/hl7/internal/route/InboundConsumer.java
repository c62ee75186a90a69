package org.pavilion.hl7.internal.route;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.hl7.HL7Constants;
import org.apache.camel.support.DefaultConsumer;
import org.pavilion.hl7.internal.AcceptedMessage;
import org.pavilion.hl7.internal.Hl7Text;
import org.pavilion.hl7.internal.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route consuming {@code pavilion-hl7:inbound}: its own thread reads the accepted messages from the store after
 * the route's cursor (hl7_route_cursor, by route id) in the order their outcome committed, hands those of its
 * types to the route, and moves the cursor on. A slow route only slows itself; a route stopped, or a container
 * that died, resumes after its cursor, so nothing accepted meanwhile is missed. The cursor is saved after each
 * page, so after a crash the route may get the last page again (at least once: routes deduplicate on
 * {@code PavilionHl7MessageId}). A route that never ran before starts with the messages accepted after it started.
 */
public class InboundConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InboundConsumer.class);
    /** Messages read from the store at a time; the cursor is saved after each such page. */
    static final int PAGE = 100;
    /** Longest wait for a wake-up before looking at the store anyway. */
    static final long POLL_MS = 1_000;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private volatile long cursor;
    private ExecutorService worker;

    InboundConsumer(InboundEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public InboundEndpoint getEndpoint() {
        return (InboundEndpoint) super.getEndpoint();
    }

    /** A message was accepted: look at the store now rather than at the next poll. */
    void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        MessageStore store = store();
        Long saved = store.routeCursor(routeId());
        if (saved == null) {
            cursor = store.lastAcceptSeq();
            store.saveRouteCursor(routeId(), cursor, System.currentTimeMillis());
            LOG.info("Route {} consumes accepted HL7 messages from now on (accept_seq after {})", routeId(), cursor);
        } else {
            cursor = saved;
            LOG.info("Route {} resumes consuming accepted HL7 messages after accept_seq {}", routeId(), cursor);
        }
        running = true;
        getEndpoint().getComponent().topic().subscribe(this);
        worker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "pavilion-hl7-inbound-" + routeId());
        worker.submit(this::deliverLoop);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().topic().unsubscribe(this);
        running = false;
        if (worker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(worker);
            worker.awaitTermination(10, TimeUnit.SECONDS);
            worker = null;
        }
        LOG.info("Route {} stopped consuming accepted HL7 messages: {} delivered, cursor at accept_seq {}", routeId(),
                delivered.get(), cursor);
        super.doStop();
    }

    private void deliverLoop() {
        Thread.currentThread().setContextClassLoader(getEndpoint().getCamelContext().getApplicationContextClassLoader());
        MessageStore store = store();
        while (running) {
            try {
                List<AcceptedMessage> page = store.acceptedAfter(cursor, PAGE);
                long last = cursor;
                for (AcceptedMessage m : page) {
                    if (!running) {
                        break;
                    }
                    if (m.header() != null && getEndpoint().wants(m.header())) {
                        deliver(m);
                    }
                    last = m.seq();
                }
                if (last != cursor) {
                    store.saveRouteCursor(routeId(), last, System.currentTimeMillis());
                    cursor = last;
                }
                if (page.size() < PAGE) {
                    wakeUp.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException storeFailed) {
                if (!running) {
                    return;
                }
                LOG.warn("Route {}: reading accepted HL7 messages failed; trying again in {} ms", routeId(), POLL_MS,
                        storeFailed);
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(AcceptedMessage m) {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(m.text());
            setHeaders(in, m);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Route " + routeId() + " failed on accepted HL7 message "
                        + m.id() + " (" + m.header().type() + " " + m.header().controlId() + ")", exchange,
                        exchange.getException());
            }
            delivered.incrementAndGet();
        } catch (Exception e) {
            getExceptionHandler().handleException("Route " + routeId() + " failed on accepted HL7 message " + m.id(),
                    exchange, e);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    static void setHeaders(Message in, AcceptedMessage m) {
        Hl7Text.Header h = m.header();
        in.setHeader(Hl7Headers.MESSAGE_ID, m.id());
        in.setHeader(Hl7Headers.LISTENER, m.listener());
        in.setHeader(Hl7Headers.SENDER, h.sender());
        in.setHeader(Hl7Headers.OUTCOME, m.outcome());
        in.setHeader(HL7Constants.HL7_SENDING_APPLICATION, h.sendingApplication());
        in.setHeader(HL7Constants.HL7_SENDING_FACILITY, h.sendingFacility());
        in.setHeader(HL7Constants.HL7_RECEIVING_APPLICATION, h.receivingApplication());
        in.setHeader(HL7Constants.HL7_RECEIVING_FACILITY, h.receivingFacility());
        in.setHeader(HL7Constants.HL7_MESSAGE_TYPE, h.messageType());
        in.setHeader(HL7Constants.HL7_TRIGGER_EVENT, h.triggerEvent());
        in.setHeader(HL7Constants.HL7_MESSAGE_CONTROL, h.controlId());
        in.setHeader(HL7Constants.HL7_PROCESSING_ID, h.processingId());
        in.setHeader(HL7Constants.HL7_VERSION_ID, h.version());
        if (!h.characterSet().isEmpty()) {
            in.setHeader(HL7Constants.HL7_CHARSET, h.characterSet());
        }
    }

    private MessageStore store() {
        return getEndpoint().getComponent().store();
    }

    String routeId() {
        return getRouteId() != null ? getRouteId() : getEndpoint().getEndpointUri();
    }
}
