package org.pavilion.hl7.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;
import ca.uhn.hl7v2.preparser.PreParser;

public class InboundMessageTest {

    /** The paths the EMR's ADT mapping reads: checked against HAPI's PreParser and Escape on real-looking feeds. */
    private static final String[] PATHS = {"PID-3-1", "PID-3-4", "PID-5-1", "PID-5-2", "PID-7-1", "PID-8",
        "PID-11-1", "PID-11-3", "PID-11-5", "PID-11-6", "PID-13-1", "PV1-2", "PV1-19-1", "PV1-19-4", "PV2-3-2",
        "MRG-1-1", "MRG-1-4", "MSH-3-1", "MSH-9-2", "MSH-10"};

    @Test
    public void aMorningAdmissionReadsLikeHapiReadsIt() throws Exception {
        String[] messages = {
            "MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A01^ADT_A01|C1|P|2.5.1\r"
                + "EVN|A01|20240601080000\r"
                + "PID|1||K-1001^^^GENHOSP^MR~NI-77^^^STATE^NI||Okafor^Adaeze^N||19840301|F|||12 Marina Rd^^Lagos^^100001^NGA||+234 555 0101\r"
                + "PV1|1|I|WARD1^12^A||||||||||||||||V-2001^^^GENHOSP\r"
                + "PV2|||^Chest pain\r",
            // repetitions first, subcomponents, a second PID (ignored), fields cut short, empty components
            "MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A04|C2|P|2.3\r"
                + "PID|||~K-2^^^&GEN&L^MR||Bello&Van^~Alt^Name||1975|||||\r"
                + "PID|||K-3^^^OTHER\r"
                + "PV1||E\r",
            "MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A40^ADT_A39|C4|P|2.8\r"
                + "PID|1||K-1001^^^GENHOSP^MR||O\\T\\Brien^Se\\E\\n\r"
                + "MRG|K-0999^^^GENHOSP^MR\r",
            "MSH#:~\\&#ADT#GENHOSP#PAVILION#GENHOSP#20240601080000##ADT:A04#C3#P#2.5.1\r"
                + "PID#1##K-1003:::GENHOSP:MR##Nwosu:Chidi##19700101#M\r",
        };
        for (String text : messages) {
            InboundMessage m = InboundMessage.parse(text);
            String[] hapi = PreParser.getFields(text, PATHS);
            EncodingCharacters enc = new EncodingCharacters(m.fieldSeparator(), m.encodingCharacters());
            for (int i = 0; i < PATHS.length; i++) {
                String expected = hapi[i] == null ? null : Escape.unescape(hapi[i], enc);
                expected = expected == null || expected.isBlank() ? null : expected.strip();
                assertEquals(PATHS[i] + " of " + m.controlId(), expected, m.field(PATHS[i]));
            }
        }
    }

    @Test
    public void theHeaderSaysWhatAndFromWhom() {
        InboundMessage m = InboundMessage.parse("MSH|^~\\&|SCHED^1.2.3^ISO|GENHOSP|PAVILION|GENHOSP|20240601080000||"
                + "SIU^S12^SIU_S12|S-1|P|2.5.1\nSCH|A-77\n");
        assertEquals("SIU", m.messageType());
        assertEquals("S12", m.triggerEvent());
        assertEquals("SIU^S12", m.type());
        assertEquals("S-1", m.controlId());
        assertEquals("2.5.1", m.version());
        assertEquals("SCHED", m.sendingApplication());
        assertEquals("GENHOSP", m.sendingFacility());
        assertEquals("PAVILION", m.receivingApplication());
        assertEquals("|", m.field("MSH-1"));
        assertEquals("^~\\&", m.field("MSH-2"));
        assertEquals("1.2.3", m.field("MSH-3-2"));
        assertEquals("A-77", m.field("SCH-1"));
        assertEquals("MSH|^~\\&|SCHED^1.2.3^ISO|GENHOSP|PAVILION|GENHOSP|20240601080000||SIU^S12^SIU_S12|S-1|P|2.5.1\r"
                + "SCH|A-77\r", m.text());
    }

    @Test
    public void repetitionsOfFieldsAndSegmentsAreCountedFromOne() {
        InboundMessage m = InboundMessage.parse("MSH|^~\\&|LAB|GENHOSP|PAVILION|GENHOSP|20240601080000||ORU^R01|L-1|P|2.5\r"
                + "PID|1||K-1001^^^GENHOSP^MR~NI-77^^^STATE^NI\r"
                + "OBX|1|NM|GLU^Glucose||5.4|mmol/L\r"
                + "OBX|2|NM|K^Potassium||4.1|mmol/L\r"
                + "OBX|3|ST|NOTE^Note||fasting\\F\\ward 3&a\r");
        assertEquals(3, m.segmentCount("OBX"));
        assertEquals(0, m.segmentCount("NTE"));
        assertEquals(2, m.repetitions("PID-3"));
        assertEquals(0, m.repetitions("PID-4"));
        assertEquals("NI-77", m.field("PID-3(2)-1"));
        assertEquals("STATE", m.field("PID-3(2)-4"));
        assertNull(m.field("PID-3(3)-1"));
        assertEquals("Potassium", m.field("OBX(2)-3-2"));
        assertEquals("4.1", m.field("OBX(2)-5"));
        assertEquals("fasting|ward 3", m.field("OBX(3)-5-1-1"));
        assertEquals("a", m.field("OBX(3)-5-1-2"));
        assertNull(m.field("OBX(4)-5"));
        assertNull(m.field("PID-99"));
    }

    /** A look-alike is not a PID, a bare segment has no fields, and a path that is not one says so. */
    @Test
    public void aSegmentIsFoundByItsWholeIdAndBadPathsAreRefused() {
        InboundMessage m = InboundMessage.parse("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A08|C5|P|2.6\r"
                + "PIDX|1||WRONG\r"
                + "PID\r"
                + "PV1|1|O|WARD1^12^A||||||||||||||||^^^NOVISIT\r");
        assertNull(m.field("PID-3-1"));
        assertNull(m.field("PV1-19-1"));
        assertEquals("NOVISIT", m.field("PV1-19-4"));
        assertEquals("O", m.field("PV1-2"));
        for (String bad : new String[] {"PID", "PID-", "PID-0", "PID-3(0)", "PID-3(x)", "-3", "PID-3-1-1-1", "PID 3"}) {
            assertThrows(bad, IllegalArgumentException.class, () -> m.field(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> InboundMessage.parse("PID|1"));
    }
}
