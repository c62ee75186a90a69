package org.pavilion.hl7.api;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class Hl7SegmentTest {

    @Test
    public void aResultLineIsWrittenAsASenderWouldWriteIt() {
        String obx = new Hl7Segment("OBX").set(1, "1").set(2, "NM").set(3, "GLU", "Glucose", "L")
                .set(5, "5.4").set(6, "mmol/L").set(11, "F").text();
        assertEquals("OBX|1|NM|GLU^Glucose^L||5.4|mmol/L|||||F", obx);
    }

    @Test
    public void theHeaderWritesItsOwnDelimitersAndTrailingEmptiesAreLeftOut() {
        String msh = new Hl7Segment("MSH").set(3, "PAVILION").set(9, "ORU", "R01", null).set(12, "2.5.1")
                .set(15, (String) null).text();
        assertEquals("MSH|^~\\&|PAVILION||||||ORU^R01|||2.5.1", msh);
    }

    @Test
    public void aPatientsNameCannotBreakTheMessage() {
        String pid = new Hl7Segment("PID").set(3, "K-1", null, null, "GEN&HOSP", "MR")
                .set(5, "O|Brien\\Smith", "Ann^Marie~Jo").set(11, "line one\r\nline two").text();
        assertEquals("PID|||K-1^^^GEN\\T\\HOSP^MR||O\\F\\Brien\\E\\Smith^Ann\\S\\Marie\\R\\Jo||||||line one  line two",
                pid);
        assertEquals("", Hl7Segment.escape(null));
    }

    @Test
    public void whatAParserReadsBackIsWhatWasWritten() {
        String name = "O'Brien | Smith ^ & ~ \\ the 2nd";
        String text = new Hl7Segment("MSH").set(3, "LAB").set(9, "ORU", "R01").set(10, "C-1").set(12, "2.5.1").text()
                + "\r" + new Hl7Segment("PID").set(1, "1").set(5, name, "Ann").text();
        InboundMessage m = InboundMessage.parse(text);
        assertEquals(name, m.field("PID-5-1"));
        assertEquals("Ann", m.field("PID-5-2"));
    }
}
