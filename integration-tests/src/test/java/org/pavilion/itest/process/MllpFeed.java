package org.pavilion.itest.process;

import java.io.Closeable;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * One sending system's MLLP connection, through HAPI's own client ({@code HapiContext.newClient(...)
 * .getInitiator()}), as a registration system of a hospital sends ADT. Each feed has its own HapiContext, so
 * several feeds to the same port are several TCP connections (HAPI's ConnectionHub shares one per context).
 */
public final class MllpFeed implements Closeable {

    private final HapiContext hapi;
    private final PipeParser parser;
    private final Connection connection;
    private final Initiator initiator;

    public MllpFeed(String host, int port) throws HL7Exception {
        this(host, port, 60);
    }

    /** {@code ackTimeoutSeconds}: how long a send waits for its ACK before it fails. */
    public MllpFeed(String host, int port, int ackTimeoutSeconds) throws HL7Exception {
        hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        parser = hapi.getPipeParser();
        connection = hapi.newClient(host, port, false);
        initiator = connection.getInitiator();
        initiator.setTimeout(ackTimeoutSeconds, TimeUnit.SECONDS);
    }

    /** Parses outside the timed exchange, so a benchmark measures the round trip only. */
    public Message parse(String text) throws HL7Exception {
        return parser.parse(text);
    }

    /** Sends one message and returns MSA-1 of its ACK (AA, AE, AR); throws when no ACK came. */
    public String send(Message message) throws HL7Exception, LLPException, java.io.IOException {
        Message ack = initiator.sendAndReceive(message);
        return new Terser(ack).get("/MSA-1");
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        // Not hapi.close(): HAPI's contexts share one default executor, and closing a context shuts it down.
        try {
            connection.close();
        } catch (java.io.IOException alreadyClosed) {
            // the other end closed it (the platform was killed)
        }
    }

    /** ADT^A04 (register a patient) in v2.5.1: a distinct control id and patient identifier per message. */
    public static String a04(String controlId, String patientId, String family, String given, String birthDate,
            String sex) {
        return "MSH|^~\\&|REGSYS|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A04^ADT_A01|" + controlId + "|P|2.5.1\r"
                + "EVN|A04|20240601080000\r"
                + "PID|1||" + patientId + "^^^GENHOSP^MR||" + family + "^" + given + "||" + birthDate + "|" + sex
                + "|||12 Harbour St^^Leeds^^LS1 4AB^GBR\r"
                + "PV1|1|O\r";
    }
}
