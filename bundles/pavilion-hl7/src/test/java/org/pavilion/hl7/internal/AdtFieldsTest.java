package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class AdtFieldsTest {

    private static AdtFields fields(String text) throws Exception {
        String normalised = Hl7Text.normalise(text);
        return AdtFields.of(normalised, Hl7Text.header(normalised));
    }

    @Test
    public void anAdmissionInEachVersionGivesThePatientAndVisitFields() throws Exception {
        for (String version : Hl7Processor.VERSIONS) {
            AdtFields f = fields("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A01|C1|P|" + version + "\r"
                    + "EVN|A01|20240601080000\r"
                    + "PID|1||K-1001^^^GENHOSP^MR~NI-77^^^STATE^NI||Okafor^Adaeze^N||19840301|F|||12 Marina Rd^^Lagos^^100001^NGA||+234 555 0101\r"
                    + "PV1|1|I|WARD1^12^A||||||||||||||||V-2001^^^GENHOSP\r"
                    + "PV2|||^Chest pain\r");
            assertEquals(version, "K-1001", f.get("PID-3-1"));
            assertEquals(version, "GENHOSP", f.get("PID-3-4"));
            assertEquals("Okafor", f.get("PID-5-1"));
            assertEquals("Adaeze", f.get("PID-5-2"));
            assertEquals("19840301", f.get("PID-7-1"));
            assertEquals("F", f.get("PID-8"));
            assertEquals("12 Marina Rd", f.get("PID-11-1"));
            assertEquals("Lagos", f.get("PID-11-3"));
            assertEquals("100001", f.get("PID-11-5"));
            assertEquals("NGA", f.get("PID-11-6"));
            assertEquals("+234 555 0101", f.get("PID-13-1"));
            assertEquals("I", f.get("PV1-2"));
            assertEquals("V-2001", f.get("PV1-19-1"));
            assertEquals("GENHOSP", f.get("PV1-19-4"));
            assertEquals("Chest pain", f.get("PV2-3-2"));
            assertNull("no MRG segment", f.get("MRG-1-1"));
        }
    }

    @Test
    public void escapedSeparatorsInANameAreUnescapedWithTheMessagesOwnEncodingCharacters() throws Exception {
        AdtFields f = fields("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A04|C2|P|2.5.1\r"
                + "PID|1||K-1002^^^GENHOSP^MR||O\\T\\Brien\\S\\Smith^Se\\E\\n||19700101|M\r");
        assertEquals("O&Brien^Smith", f.get("PID-5-1"));
        assertEquals("Se\\n", f.get("PID-5-2"));
        AdtFields other = fields("MSH#:~\\&#ADT#GENHOSP#PAVILION#GENHOSP#20240601080000##ADT:A04#C3#P#2.5.1\r"
                + "PID#1##K-1003:::GENHOSP:MR##Nwosu:Chidi##19700101#M\r");
        assertEquals("K-1003", other.get("PID-3-1"));
        assertEquals("Chidi", other.get("PID-5-2"));
    }

    /** The reader gives what HAPI's PreParser gives for every path, on the messages feeds send. */
    @Test
    public void everyPathReadsAsHapisPreParserReadsIt() throws Exception {
        String[] messages = {
            "MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A01|C1|P|2.5.1\r"
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
            String normalised = Hl7Text.normalise(text);
            Hl7Text.Header h = Hl7Text.header(normalised);
            AdtFields mine = AdtFields.of(normalised, h);
            String[] hapi = ca.uhn.hl7v2.preparser.PreParser.getFields(normalised, AdtFields.PATHS);
            ca.uhn.hl7v2.parser.EncodingCharacters enc = new ca.uhn.hl7v2.parser.EncodingCharacters(
                    h.fieldSeparator(), h.encodingCharacters());
            for (int i = 0; i < AdtFields.PATHS.length; i++) {
                String expected = hapi[i] == null ? null : ca.uhn.hl7v2.parser.Escape.unescape(hapi[i], enc);
                expected = expected == null || expected.isBlank() ? null : expected.strip();
                assertEquals(AdtFields.PATHS[i] + " of " + h.controlId(), expected, mine.get(AdtFields.PATHS[i]));
            }
        }
    }

    /** Text the PreParser gives up on ("encoding not recognized") is still read: a look-alike is not a PID. */
    @Test
    public void aSegmentIsFoundByItsWholeIdAndABareSegmentHasNoFields() throws Exception {
        AdtFields f = fields("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A08|C5|P|2.6\r"
                + "PIDX|1||WRONG\r"
                + "PID\r"
                + "PV1|1|O|WARD1^12^A||||||||||||||||^^^NOVISIT\r");
        assertNull(f.get("PID-3-1"));
        assertNull(f.get("PV1-19-1"));
        assertEquals("NOVISIT", f.get("PV1-19-4"));
        assertEquals("O", f.get("PV1-2"));
    }

    @Test
    public void aMergeGivesThePriorIdentifierAndEmptyFieldsAreNull() throws Exception {
        AdtFields f = fields("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A40^ADT_A39|C4|P|2.8\r"
                + "EVN|A40|20240601080000\r"
                + "PID|1||K-1001^^^GENHOSP^MR||Okafor^Adaeze\r"
                + "MRG|K-0999^^^GENHOSP^MR\r");
        assertEquals("K-0999", f.get("MRG-1-1"));
        assertEquals("GENHOSP", f.get("MRG-1-4"));
        assertNull(f.get("PID-7-1"));
        assertNull(f.get("PV1-19-1"));
        assertThrows(IllegalArgumentException.class, () -> f.get("PID-99"));
    }
}
