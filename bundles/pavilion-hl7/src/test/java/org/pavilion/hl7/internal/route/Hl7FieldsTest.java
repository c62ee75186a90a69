package org.pavilion.hl7.internal.route;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class Hl7FieldsTest {

    private static final String A04 = "MSH|^~\\&|CLINICSYS|C7|PAVILION|HOSP|20240601080000||ADT^A04^ADT_A01|CL-1|P|2.5.1\r"
            + "EVN|A04\r"
            + "PID|1||H1^^^CLINIC^MR||Eriksen^Maja||19900909|2\r";

    private final Hl7Fields fields = new Hl7Fields();

    private static String pid(String message) {
        for (String s : message.split("\r")) {
            if (s.startsWith("PID|")) {
                return s;
            }
        }
        return "";
    }

    @Test
    public void setRewritesTheSendingFacility() {
        String out = fields.set(A04, "MSH-4", "STMARYS");
        assertTrue(out, out.startsWith("MSH|^~\\&|CLINICSYS|STMARYS|PAVILION|HOSP|"));
    }

    @Test
    public void mapTranslatesKnownCodesAndLeavesOthers() {
        assertEquals("PID|1||H1^^^CLINIC^MR||Eriksen^Maja||19900909|F", pid(fields.map(A04, "PID-8", "1=M,2=F,0=U,9=U")));
        assertEquals("PID|1||H1^^^CLINIC^MR||Eriksen^Maja||19900909|2", pid(fields.map(A04, "PID-8", "1=M")));
    }

    @Test
    public void copyCopiesOneFieldToAnother() {
        assertEquals("PID|1|H1|H1^^^CLINIC^MR||Eriksen^Maja||19900909|2", pid(fields.copy(A04, "PID-3-1", "PID-2-1")));
    }

    @Test
    public void aMessageHapiCannotParsePassesUnchanged() {
        assertEquals("hello", fields.set("hello", "MSH-4", "X"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aMappingThatIsNoPairIsRefused() {
        fields.map(A04, "PID-8", "1M");
    }
}
