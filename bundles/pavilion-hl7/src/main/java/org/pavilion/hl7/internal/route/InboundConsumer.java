package org.pavilion.hl7.internal.route;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.hl7.HL7Constants;
import org.apache.camel.support.DefaultConsumer;
import org.pavilion.hl7.internal.AcceptedMessage;
import org.pavilion.hl7.internal.Hl7Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route consuming {@code pavilion-hl7:inbound}: its own bounded queue and its own thread, so messages reach
 * the route in the order the hub accepted them, and a slow route only slows itself. When the queue is full the
 * message is not queued for this route (WARN with its id; it stays in hl7_message) rather than delaying an ACK.
 */
public class InboundConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InboundConsumer.class);

    private final BlockingQueue<AcceptedMessage> queue;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private volatile boolean running;
    private ExecutorService worker;

    InboundConsumer(InboundEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.queue = new ArrayBlockingQueue<>(endpoint.queueSize());
    }

    @Override
    public InboundEndpoint getEndpoint() {
        return (InboundEndpoint) super.getEndpoint();
    }

    void enqueue(AcceptedMessage m) {
        if (!running || !queue.offer(m)) {
            overflowed.incrementAndGet();
            LOG.warn("Route {} is {}: accepted HL7 message {} ({} {} from {}) not handed to it", routeId(),
                    running ? "" + queue.size() + " messages behind" : "stopping", m.id(), m.header().type(),
                    m.header().controlId(), m.header().sender());
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        worker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "pavilion-hl7-inbound-" + routeId());
        worker.submit(this::deliverLoop);
        getEndpoint().getComponent().topic().subscribe(this);
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
        int left = queue.size();
        queue.clear();
        LOG.info("Route {} stopped consuming accepted HL7 messages: {} delivered, {} not queued, {} still queued "
                + "dropped", routeId(), delivered.get(), overflowed.get(), left);
        super.doStop();
    }

    private void deliverLoop() {
        Thread.currentThread().setContextClassLoader(getEndpoint().getCamelContext().getApplicationContextClassLoader());
        while (running) {
            AcceptedMessage m;
            try {
                m = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            if (m != null) {
                deliver(m);
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

    private String routeId() {
        return getRouteId() != null ? getRouteId() : getEndpoint().getEndpointUri();
    }
}
