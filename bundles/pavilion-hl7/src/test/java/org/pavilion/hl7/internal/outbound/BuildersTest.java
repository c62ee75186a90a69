package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;

/** The lab's feed: which department's builder makes the message of each event the feed subscribes to. */
public class BuildersTest {

    private static final FeedSettings LAB_FEED = new FeedSettings("lab", "localhost", 2576, "2.5.1",
            Set.of("PatientRegistered", "LabResultReleased"), "PAVILION", "GENHOSP", "LIS", "GENHOSP", "GENHOSP",
            "P", StandardCharsets.UTF_8, 1000, 1000, new Backoff(100, 1000), 5, 100);

    /** A laboratory's builder: ORU^R01 for a released result, nothing for a preliminary one. */
    private static OutboundBuilder lab(String department) {
        return new OutboundBuilder() {
            @Override
            public Set<String> eventTypes() {
                return Set.of("LabResultReleased");
            }

            @Override
            public String department() {
                return department;
            }

            @Override
            public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext c) {
                if (payloadJson.contains("PRELIMINARY")) {
                    return Optional.empty();
                }
                return Optional.of(new OutboundMessage("ORU^R01", "MSH|^~\\&|" + c.sendingApplication() + "|"
                        + c.sendingFacility() + "|" + c.receivingApplication() + "|" + c.receivingFacility() + "|||"
                        + "ORU^R01^ORU_R01|" + c.controlId() + "|" + c.processingId() + "|" + c.version() + "\r",
                        "MRN-1", null));
            }
        };
    }

    @Test
    public void eachEventGoesToTheBuilderThatTakesItAndTheFirstRegisteredKeepsIt() {
        Builders builders = new Builders();
        AdtBuilder adt = new AdtBuilder();
        OutboundBuilder lab = lab("laboratory");
        OutboundBuilder otherLab = lab("another laboratory");
        builders.add(otherLab, 0, 30);
        builders.add(adt, 0, 10);
        builders.add(lab, 0, 20);
        assertSame(adt, builders.find("PatientRegistered"));
        assertSame("lower service id wins whatever the bind order", lab, builders.find("LabResultReleased"));
        assertNull(builders.find("ChargePosted"));
        builders.remove(lab);
        assertSame(otherLab, builders.find("LabResultReleased"));
    }

    @Test
    public void aBuilderWritesTheFeedsHeaderAndControlIdAndMayHaveNothingToSend() {
        FeedContext c = new FeedContext(LAB_FEED, "CTRL-1", Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);
        OutboundMessage m = lab("laboratory").build("LabResultReleased", "{\"status\":\"FINAL\"}", c).orElseThrow();
        assertEquals("MSH|^~\\&|PAVILION|GENHOSP|LIS|GENHOSP|||ORU^R01^ORU_R01|CTRL-1|P|2.5.1\r", m.text());
        assertTrue(lab("laboratory").build("LabResultReleased", "{\"status\":\"PRELIMINARY\"}", c).isEmpty());
        assertEquals("UNICODE UTF-8", c.characterSet());
        assertEquals("GENHOSP", c.mrnAuthority());
    }

    @Test
    public void theHubsAdtBuilderBuildsInTheContextItIsGiven() {
        FeedContext c = new FeedContext(LAB_FEED, "CTRL-2", Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);
        OutboundMessage m = new AdtBuilder().build("PatientRegistered", "{\"mrn\":\"0000000007\",\"familyName\":"
                + "\"Okafor\"}", c).orElseThrow();
        assertEquals("ADT^A04", m.messageType());
        assertEquals("0000000007", m.subjectKey());
        assertTrue(m.text(), m.text().startsWith("MSH|^~\\&|PAVILION|GENHOSP|LIS|GENHOSP|20240601080000||"
                + "ADT^A04^ADT_A01|CTRL-2|P|2.5.1"));
        assertTrue(m.text(), m.text().contains("PID|1||0000000007^^^GENHOSP^MR||Okafor"));
    }
}
