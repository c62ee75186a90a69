package org.pavilion.hl7.internal.route;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.support.DefaultProducer;
import org.pavilion.hl7.internal.Hl7Processor;
import org.pavilion.hl7.internal.Hl7Text;

/**
 * Runs the hub's inbound path (store, apply, store outcome, commit) for the exchange's body and replies with the
 * ACK text. It also sets camel-mllp's {@code CamelMllpAcknowledgement}, so a route that starts at an
 * {@code mllp:} consumer answers its sender with the hub's ACK. A store failure is an exception: no ACK.
 */
public class ProcessProducer extends DefaultProducer {

    ProcessProducer(ProcessEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ProcessEndpoint getEndpoint() {
        return (ProcessEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Hl7Processor.Settings settings = getEndpoint().settings();
        Message in = exchange.getMessage();
        byte[] raw = bytesOf(exchange, in, settings.defaultCharset());
        String listener = exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "route";
        String remote = in.getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
        byte[] ack = getEndpoint().getComponent().processor().receive(listener,
                remote != null ? remote : "route:" + listener, raw, settings);
        String ackText = new String(ack, Hl7Text.charsetOf(ack, settings.defaultCharset()));
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
        in.setBody(ackText);
        in.setHeader(Hl7Headers.ACK_CODE, ackCode(ackText));
    }

    /**
     * Bytes as received: a byte[] body as it is; text in the character set its MSH-18 names (else the endpoint's),
     * so the hub decodes what the route meant.
     */
    static byte[] bytesOf(Exchange exchange, Message in, Charset fallback) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        String text = in.getMandatoryBody(String.class);
        Charset charset = Hl7Text.charsetOf(text.getBytes(StandardCharsets.ISO_8859_1), fallback);
        return text.getBytes(charset);
    }

    /** MSA-1 of an ACK the hub built (segments separated by CR). */
    static String ackCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA") && segment.length() > 4) {
                String[] f = segment.split(java.util.regex.Pattern.quote(String.valueOf(segment.charAt(3))), -1);
                return f.length > 1 ? f[1] : "";
            }
        }
        return "";
    }
}
