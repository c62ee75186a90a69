package org.pavilion.hl7.internal.outbound;

import java.nio.charset.Charset;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.pavilion.hl7.internal.transport.TlsContexts;

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
        this(camel, feed, null);
    }

    /** @param tls null: plain TCP */
    public MllpLink(CamelContext camel, FeedSettings feed, SSLContextParameters tls) throws Exception {
        MllpComponent mllp = camel.getComponent("mllp", true, true) instanceof MllpComponent m ? m : null;
        if (mllp != null) {
            mllp.setLogPhi(false); // camel-mllp's exceptions then carry no message bytes
        }
        String uri = "mllp://" + feed.host() + ":" + feed.port() + "?receiveTimeout=" + feed.ackTimeoutMs()
                + "&connectTimeout=" + feed.connectTimeoutMs() + "&validatePayload=false&hl7Headers=false"
                + "&keepAlive=true&tcpNoDelay=true";
        this.endpoint = camel.getComponent("mllp", true).createEndpoint(uri);
        if (tls != null) {
            ((MllpEndpoint) endpoint).getConfiguration().setSslContextParameters(tls);
        }
        this.charset = feed.charset();
        ServiceHelper.startService(endpoint);
        this.producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
    }

    /** The feed's TLS settings; null when tls is off. A missing store file fails the feed's activation. */
    public static SSLContextParameters tls(CamelContext camel, FeedConfig c, String host) throws Exception {
        if (!c.tls()) {
            return null;
        }
        String type = c.keystoreType();
        return TlsContexts.client(camel, etc(), new TlsContexts.Store(c.truststore(), c._truststorePassword(), type),
                new TlsContexts.Store(c.keystore(), c._keystorePassword(), type), host, c.verifyHostname());
    }

    private static Path etc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null ? "etc" : etc);
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
