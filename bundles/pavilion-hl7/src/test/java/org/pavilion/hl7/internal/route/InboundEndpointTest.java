package org.pavilion.hl7.internal.route;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Test;
import org.pavilion.hl7.internal.Hl7Text;

public class InboundEndpointTest {

    private static Hl7Text.Header header(String msh9) {
        return Hl7Text.header("MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||" + msh9 + "|C1|P|2.5.1\r");
    }

    private static InboundEndpoint endpoint(String types) {
        return new InboundEndpoint("pavilion-hl7:inbound", null, InboundEndpoint.parseTypes(types));
    }

    @Test
    public void typesAreMessageTypesOrTypeAndEvent() {
        assertEquals(Set.of("ADT^A04", "ORU"), InboundEndpoint.parseTypes(" adt^a04 , ORU"));
        assertEquals(Set.of(), InboundEndpoint.parseTypes(null));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aTypeThatIsNoHl7TypeIsRefused() {
        InboundEndpoint.parseTypes("ADT_A04");
    }

    @Test
    public void anEndpointWantsTheTypesItNames() {
        assertTrue(endpoint("ADT^A04").wants(header("ADT^A04^ADT_A01")));
        assertFalse(endpoint("ADT^A04").wants(header("ADT^A08^ADT_A01")));
        assertTrue(endpoint("ADT").wants(header("ADT^A08^ADT_A01")));
        assertFalse(endpoint("ADT").wants(header("ORU^R01^ORU_R01")));
        assertTrue(endpoint(null).wants(header("ORU^R01^ORU_R01")));
    }

    @Test
    public void theAckCodeIsMsa1() {
        assertEquals("AE", ProcessProducer.ackCode("MSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5.1\rMSA|AE|C1|bad\rERR|||101\r"));
    }
}
