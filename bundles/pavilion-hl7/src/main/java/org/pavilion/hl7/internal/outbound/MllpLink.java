package org.pavilion.hl7.internal.outbound;

import java.nio.charset.Charset;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A feed's MLLP connection: a Camel {@code mllp} producer (a TCP client that keeps its connection open, reconnects
 * when it was closed, and reads the ACK within {@code receiveTimeout}) from the container's mllp component. The
 * endpoint is created for this feed only, not registered in the CamelContext, and stopped by {@link #close()}.
 */
public class MllpLink implements FeedSender.Link {

    private final Endpoint endpoint;
    private final Producer producer;
    private final Charset charset;

    public MllpLink(CamelContext camel, FeedSettings feed) throws Exception {
        String uri = "mllp://" + feed.host() + ":" + feed.port() + "?receiveTimeout=" + feed.ackTimeoutMs()
                + "&connectTimeout=" + feed.connectTimeoutMs() + "&validatePayload=false&hl7Headers=false"
                + "&keepAlive=true&tcpNoDelay=true";
        this.endpoint = camel.getComponent("mllp", true).createEndpoint(uri);
        this.charset = feed.charset();
        ServiceHelper.startService(endpoint);
        this.producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public Delivery send(String text, String controlId) {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(text.getBytes(charset));
        try {
            producer.process(exchange);
        } catch (Exception e) {
            return Delivery.transport(describe(e));
        }
        byte[] ack = exchange.getMessage().getHeader(MllpConstants.MLLP_ACKNOWLEDGEMENT, byte[].class);
        if (ack != null && ack.length > 0) {
            // AE and AR come with an exception set; the ACK itself says what happened
            return Delivery.fromAck(new String(ack, charset), controlId);
        }
        Exception e = exchange.getException();
        return Delivery.transport(e == null ? "no acknowledgement" : describe(e));
    }

    /** The exception's type and first line, without the message bytes camel-mllp may append. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        if (root != e) {
            what += " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())) + ")";
        }
        return what.length() > 500 ? what.substring(0, 500) : what;
    }

    private static String firstLine(String s) {
        int cut = s.indexOf('\n');
        int cr = s.indexOf('\r');
        if (cr >= 0 && (cut < 0 || cr < cut)) {
            cut = cr;
        }
        return cut < 0 ? s : s.substring(0, cut);
    }

    @Override
    public void close() {
        ServiceHelper.stopAndShutdownServices(producer, endpoint);
    }
}
