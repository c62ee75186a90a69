package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * ACKs as a registration system of each HL7 version reads them: every ACK is parsed by HAPI in the sender's own
 * version (v2.3 to v2.8), and its fields are checked where that version puts them.
 */
public class AckTest {

    static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.8");
    private static final HapiContext HAPI = new DefaultHapiContext();

    static {
        HAPI.setValidationContext(ValidationContextFactory.noValidation());
    }

    private static Hl7Text.Header a04(String version) {
        return a04(version, "");
    }

    private static Hl7Text.Header a04(String version, String msh18) {
        String structure = version.equals("2.3") ? "ADT^A04" : "ADT^A04^ADT_A01";
        return Hl7Text.header("MSH|^~\\&|REGSYS|GENHOSP|PAVILION|WARDS|20240601080000||" + structure
                + "|MSG-7781|P|" + version + "||||||" + msh18 + "\rPID|1||H7781^^^GENHOSP^MR\r");
    }

    private static String ack(Hl7Text.Header h, String code, String text, Ack.Error error) {
        return Ack.build(h, code, text, error, "PAVACK1", "20240601080001.000+0000");
    }

    private static Terser parsed(String ack) throws Exception {
        Message m = HAPI.getPipeParser().parse(ack);
        return new Terser(m);
    }

    private static String segment(String ack, String id) {
        for (String s : ack.split("\r")) {
            if (s.startsWith(id)) {
                return s;
            }
        }
        return null;
    }

    @Test
    public void anAaIsWrittenInTheSendersVersionWithSendersAndReceiversSwapped() throws Exception {
        for (String v : VERSIONS) {
            String ack = ack(a04(v), "AA", null, null);
            Terser t = parsed(ack);
            assertEquals(v, v, t.get("/MSH-12"));
            assertEquals(v, "PAVILION", t.get("/MSH-3"));
            assertEquals(v, "WARDS", t.get("/MSH-4"));
            assertEquals(v, "REGSYS", t.get("/MSH-5"));
            assertEquals(v, "GENHOSP", t.get("/MSH-6"));
            assertEquals(v, "ACK", t.get("/MSH-9-1"));
            assertEquals(v, "A04", t.get("/MSH-9-2"));
            // MSH-9.3 (message structure) exists from v2.3.1 on
            assertEquals(v, v.equals("2.3") ? null : "ACK", t.get("/MSH-9-3"));
            assertEquals(v, "PAVACK1", t.get("/MSH-10"));
            assertEquals(v, "P", t.get("/MSH-11"));
            assertEquals(v, "AA", t.get("/MSA-1"));
            assertEquals(v, "MSG-7781", t.get("/MSA-2"));
            assertEquals(v, "MSH|^~\\&|PAVILION|WARDS|REGSYS|GENHOSP|20240601080001.000+0000||ACK^A04"
                    + (v.equals("2.3") ? "" : "^ACK") + "|PAVACK1|P|" + v + "\rMSA|AA|MSG-7781\r", ack);
        }
    }

    @Test
    public void anAeForAMissingPatientIdentifierCarriesErrLaidOutAsEachVersionDefinesIt() throws Exception {
        Ack.Error missingPid3 = new Ack.Error("PID", 1, 3, Ack.REQUIRED_FIELD_MISSING);
        String why = "PID-3 (patient identifier) is required";
        for (String v : VERSIONS) {
            String ack = ack(a04(v), "AE", why, missingPid3);
            Terser t = parsed(ack);
            assertEquals(v, "AE", t.get("/MSA-1"));
            assertEquals(v, "MSG-7781", t.get("/MSA-2"));
            if (v.equals("2.3") || v.equals("2.3.1") || v.equals("2.4")) {
                // ERR-1 ELD: segment ^ sequence ^ field ^ code & text & table
                assertEquals(v, "ERR|PID^1^3^101&Required field missing&HL70357", segment(ack, "ERR"));
                assertEquals(v, "PID", t.get("/ERR-1-1"));
                assertEquals(v, "3", t.get("/ERR-1-3"));
                assertEquals(v, "101", t.get("/ERR-1-4-1"));
            } else {
                // ERR-2 location, ERR-3 code (CWE), ERR-4 severity, ERR-8 user message; ERR-1 left empty
                assertEquals(v, "ERR||PID^1^3|101^Required field missing^HL70357|E||||" + why, segment(ack, "ERR"));
                assertEquals(v, "PID", t.get("/ERR-2-1"));
                assertEquals(v, "1", t.get("/ERR-2-2"));
                assertEquals(v, "3", t.get("/ERR-2-3"));
                assertEquals(v, "101", t.get("/ERR-3-1"));
                assertEquals(v, "HL70357", t.get("/ERR-3-3"));
                assertEquals(v, "E", t.get("/ERR-4"));
                assertEquals(v, why, t.get("/ERR-8"));
            }
        }
    }

    @Test
    public void msa3CarriesTheReasonUpToV26AndIsLeftOutWhereV27WithdrewIt() throws Exception {
        String why = "unsupported message type 'ZZZ'";
        for (String v : VERSIONS) {
            String ack = ack(a04(v), "AR", why, Ack.Error.of(Ack.UNSUPPORTED_MESSAGE_TYPE));
            String msa = segment(ack, "MSA");
            boolean withdrawn = v.equals("2.7") || v.equals("2.8");
            assertEquals(v, withdrawn ? "MSA|AR|MSG-7781" : "MSA|AR|MSG-7781|" + why, msa);
            Terser t = parsed(ack);
            assertEquals(v, "AR", t.get("/MSA-1"));
            if (!withdrawn) {
                assertEquals(v, why, t.get("/MSA-3"));
            }
        }
    }

    @Test
    public void anArWithoutALocationNamesOnlyTheCode() throws Exception {
        String v25 = ack(a04("2.5.1"), "AR", "unsupported HL7 version", Ack.Error.of(Ack.UNSUPPORTED_VERSION));
        assertEquals("ERR|||203^Unsupported version id^HL70357|E||||unsupported HL7 version", segment(v25, "ERR"));
        String v24 = ack(a04("2.4"), "AR", "unsupported HL7 version", Ack.Error.of(Ack.UNSUPPORTED_VERSION));
        assertEquals("ERR|^^^203&Unsupported version id&HL70357", segment(v24, "ERR"));
        assertEquals("203", parsed(v24).get("/ERR-1-4-1"));
    }

    @Test
    public void theSendersSeparatorsAndEncodingCharactersAreEchoedAndTextIsEscaped() throws Exception {
        // A sender using '#' between fields and '$' between components (legal, rare, seen on old lab systems).
        Hl7Text.Header h = Hl7Text.header("MSH#$~\\&#LABSYS#GENHOSP#PAVILION#WARDS#20240601080000##ADT$A04$ADT_A01"
                + "#MSG-9#P#2.5.1\r");
        String why = "PID-7 must be YYYYMMDD, was '1975#03$12'";
        String ack = ack(h, "AE", why, new Ack.Error("PID", 1, 7, Ack.DATA_TYPE_ERROR));
        assertTrue(ack, ack.startsWith("MSH#$~\\&#PAVILION#WARDS#LABSYS#GENHOSP#"));
        assertTrue(ack, ack.contains("#ACK$A04$ACK#"));
        assertEquals("MSA#AE#MSG-9#PID-7 must be YYYYMMDD, was '1975\\F\\03\\S\\12'", segment(ack, "MSA"));
        assertEquals("ERR##PID$1$7#102$Data type error$HL70357#E####PID-7 must be YYYYMMDD, was '1975\\F\\03\\S\\12'",
                segment(ack, "ERR"));
        Terser t = parsed(ack);
        assertEquals("AE", t.get("/MSA-1"));
        assertEquals(why, t.get("/ERR-8")); // HAPI unescapes back to the text
        assertEquals("7", t.get("/ERR-2-3"));
    }

    @Test
    public void msh18IsEchoedSoTheAckIsReadInTheSendersCharacterSet() throws Exception {
        for (String v : VERSIONS) {
            String ack = ack(a04(v, "UNICODE UTF-8"), "AA", null, null);
            assertEquals(v, "UNICODE UTF-8", parsed(ack).get("/MSH-18"));
        }
        String latin = ack(a04("2.3", "8859/1"), "AA", null, null);
        assertEquals("8859/1", parsed(latin).get("/MSH-18"));
        assertFalse("no MSH-18 when the sender sent none", segment(ack(a04("2.5.1"), "AA", null, null), "MSH")
                .endsWith("|"));
    }

    @Test
    public void aLongReasonIsCutToFitMsa3AndErr8() {
        String why = "x".repeat(400);
        String ack = ack(a04("2.5.1"), "AE", why, Ack.Error.of(Ack.INTERNAL_ERROR));
        String msa3 = segment(ack, "MSA").split("\\|", -1)[3];
        assertEquals(80, msa3.length());
        assertTrue(msa3.endsWith("..."));
        String err8 = segment(ack, "ERR").split("\\|", -1)[8];
        assertEquals(250, err8.length());
    }
}
