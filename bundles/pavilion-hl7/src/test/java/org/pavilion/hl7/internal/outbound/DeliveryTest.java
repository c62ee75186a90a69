package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** How a receiver's answer is read: by MSA-1, and only when MSA-2 names the message sent. */
public class DeliveryTest {

    static String ack(String code, String controlId, String text) {
        return "MSH|^~\\&|LIS|STMARY|PAVILION|STMARY|20260302081531||ACK^A04|A1|P|2.5.1\rMSA|" + code + "|" + controlId
                + (text == null ? "" : "|" + text) + "\r";
    }

    @Test
    public void aaIsAccepted() {
        Delivery d = Delivery.fromAck(ack("AA", "C1", null), "C1");
        assertEquals(Delivery.Kind.ACCEPTED, d.kind());
        assertEquals("AA", d.ackCode());
    }

    @Test
    public void aeAndArAreRefusalsWithTheReceiversText() {
        Delivery ae = Delivery.fromAck(ack("AE", "C1", "unknown ward"), "C1");
        assertEquals(Delivery.Kind.NEGATIVE, ae.kind());
        assertEquals("AE: unknown ward", ae.error());
        Delivery ar = Delivery.fromAck(ack("AR", "C1", null) + "ERR|||207^Application error^HL70357|E\r", "C1");
        assertEquals(Delivery.Kind.NEGATIVE, ar.kind());
        assertTrue(ar.error(), ar.error().startsWith("AR: ERR|"));
    }

    @Test
    public void anAckForAnotherMessageOrNoAckAtAllIsATransportFailure() {
        assertEquals(Delivery.Kind.TRANSPORT, Delivery.fromAck(ack("AA", "OTHER", null), "C1").kind());
        assertEquals(Delivery.Kind.TRANSPORT, Delivery.fromAck("garbage", "C1").kind());
        assertEquals(Delivery.Kind.TRANSPORT, Delivery.fromAck("MSH|^~\\&|X\r", "C1").kind());
    }
}
