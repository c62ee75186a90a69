package org.pavilion.lab.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * What the hospital's feed sends the reference laboratory's LIS: Dr Berg's urgent potassium and glucose as ORM^O01 or
 * OML^O21, and the released results as ORU^R01, read back with HAPI (a fresh v2.5.1 context, as the LIS parses them).
 */
public class LabBuildersTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String PLACED = "{\"orderId\":\"o-51\",\"orderNumber\":\"L2612040017\",\"patientId\":\"0000004711\","
            + "\"encounterId\":\"E-900\",\"orderingDoctor\":\"aberg\",\"priority\":\"URGENT\",\"actor\":\"aberg\","
            + "\"clinicalNote\":\"on furosemide | check K\",\"placedAt\":\"2026-12-04T07:10:00Z\",\"tests\":["
            + "{\"itemId\":\"i-1\",\"testCode\":\"K\",\"testName\":\"Potassium\",\"loinc\":\"2823-3\","
            + "\"panelCode\":null,\"specimenId\":\"S0000001234\",\"specimenType\":\"SERUM\"},"
            + "{\"itemId\":\"i-2\",\"testCode\":\"GLU\",\"testName\":\"Glucose\",\"loinc\":\"2345-7\","
            + "\"panelCode\":null,\"specimenId\":\"S0000001234\",\"specimenType\":\"SERUM\"}]}";
    static final String RELEASED = "{\"orderId\":\"o-51\",\"orderNumber\":\"L2612040017\",\"patientId\":\"0000004711\","
            + "\"encounterId\":\"E-900\",\"orderingDoctor\":\"aberg\",\"priority\":\"URGENT\",\"actor\":\"tech2\","
            + "\"resultId\":\"r-77\",\"correctsResultId\":null,\"itemId\":\"i-1\",\"testCode\":\"K\","
            + "\"testName\":\"Potassium\",\"loinc\":\"2823-3\",\"value\":\"6.8\",\"unit\":\"mmol/L\","
            + "\"referenceRange\":\"3.5-5.1\",\"flag\":\"HH\",\"critical\":true,\"status\":\"FINAL\","
            + "\"verifiedBy\":\"tech2\",\"releasedAt\":\"2026-12-04T09:45:00Z\"}";

    private final List<String> asked = new ArrayList<>();
    private final PatientNames emr = (mrn, purpose) -> {
        asked.add(mrn + ": " + purpose);
        return mrn.equals("0000004711") ? Optional.of(new PatientNames.Names("Okafor", "Adaeze", "1984-03-01", "F"))
                : Optional.empty();
    };

    record Feed(String version) implements OutboundContext {
        public String feed() {
            return "reflab";
        }

        public String sendingApplication() {
            return "PAVILION";
        }

        public String sendingFacility() {
            return "STMARY";
        }

        public String receivingApplication() {
            return "REFLAB";
        }

        public String receivingFacility() {
            return "REFLAB";
        }

        public String processingId() {
            return "P";
        }

        public String characterSet() {
            return "UNICODE UTF-8";
        }

        public String mrnAuthority() {
            return "PAV";
        }

        public String controlId() {
            return "7F00A1";
        }

        public Instant occurredAt() {
            return Instant.parse("2026-12-04T07:10:02Z");
        }

        public ZoneId zone() {
            return BERLIN;
        }
    }

    static final Feed V251 = new Feed("2.5.1");

    static Terser parse(OutboundMessage m) throws Exception {
        try (HapiContext receiver = new DefaultHapiContext()) {
            receiver.setValidationContext(ValidationContextFactory.noValidation());
            // OML_O21 of v2.5.1 lets an ORC start either a new ORDER or the PRIOR_RESULT nested after SPM; HL7
            // means a new ORDER here, which HAPI reads only in its non-greedy mode (the LIS must parse likewise).
            // (HAPI 2.6's non-greedy mode misplaces ORU's ORC after PV1, so it is for OML only.)
            receiver.getParserConfiguration().setNonGreedyMode(m.messageType().equals("OML^O21"));
            Message parsed = receiver.getPipeParser().parse(m.text());
            assertEquals("2.5.1", parsed.getVersion());
            return new Terser(parsed);
        }
    }

    @Test
    public void anOrderIsAnOmlO21WithOneOrcTq1ObrAndSpecimenPerTest() throws Exception {
        OutboundMessage m = new LabOrderBuilder(emr, "OML_O21").build("LabOrderPlaced", PLACED, V251).orElseThrow();
        Terser t = parse(m);

        assertEquals("OML^O21", m.messageType());
        assertEquals("after the patient's ADT", "0000004711", m.subjectKey());
        assertEquals("OML", t.get("MSH-9-1"));
        assertEquals("O21", t.get("MSH-9-2"));
        assertEquals("OML_O21", t.get("MSH-9-3"));
        assertEquals("7F00A1", t.get("MSH-10"));
        assertEquals("08:10:02 in Berlin", "20261204081002", t.get("MSH-7-1"));
        assertEquals("REFLAB", t.get("MSH-5-1"));
        assertEquals("0000004711", t.get("/PATIENT/PID-3-1"));
        assertEquals("PAV", t.get("/PATIENT/PID-3-4"));
        assertEquals("MR", t.get("/PATIENT/PID-3-5"));
        assertEquals("Okafor", t.get("/PATIENT/PID-5-1"));
        assertEquals("Adaeze", t.get("/PATIENT/PID-5-2"));
        assertEquals("19840301", t.get("/PATIENT/PID-7-1"));
        assertEquals("F", t.get("/PATIENT/PID-8"));
        assertEquals("E-900", t.get("/PATIENT/PATIENT_VISIT/PV1-19-1"));
        assertEquals(List.of("0000004711: HL7 lab order to feed reflab"), asked);

        for (int i = 0; i < 2; i++) {
            String order = "/ORDER(" + i + ")/";
            assertEquals("NW", t.get(order + "ORC-1"));
            assertEquals("L2612040017", t.get(order + "ORC-2-1"));
            assertEquals("PAVILION", t.get(order + "ORC-2-2"));
            assertEquals("L2612040017", t.get(order + "ORC-4-1"));
            assertEquals("20261204081000+0100", t.get(order + "ORC-9-1"));
            assertEquals("aberg", t.get(order + "ORC-12-1"));
            assertEquals("URGENT is ASAP", "A", t.get(order + "TIMING/TQ1-9-1"));
            assertEquals("L2612040017", t.get(order + "OBSERVATION_REQUEST/OBR-2-1"));
            assertEquals("S0000001234", t.get(order + "OBSERVATION_REQUEST/SPECIMEN/SPM-2-1-1"));
            assertEquals("SERUM", t.get(order + "OBSERVATION_REQUEST/SPECIMEN/SPM-4-1"));
            assertEquals("the | of the note escaped", "on furosemide | check K",
                    t.get(order + "OBSERVATION_REQUEST/OBR-13"));
        }
        assertEquals("K", t.get("/ORDER(0)/OBSERVATION_REQUEST/OBR-4-1"));
        assertEquals("Potassium", t.get("/ORDER(0)/OBSERVATION_REQUEST/OBR-4-2"));
        assertEquals("L", t.get("/ORDER(0)/OBSERVATION_REQUEST/OBR-4-3"));
        assertEquals("2823-3", t.get("/ORDER(0)/OBSERVATION_REQUEST/OBR-4-4"));
        assertEquals("LN", t.get("/ORDER(0)/OBSERVATION_REQUEST/OBR-4-6"));
        assertEquals("GLU", t.get("/ORDER(1)/OBSERVATION_REQUEST/OBR-4-1"));
        assertEquals("2345-7", t.get("/ORDER(1)/OBSERVATION_REQUEST/OBR-4-4"));
        assertEquals("2", t.get("/ORDER(1)/OBSERVATION_REQUEST/OBR-1"));
    }

    @Test
    public void anOrderIsAnOrmO01WhenTheLisTakesTheClassicMessage() throws Exception {
        OutboundMessage m = new LabOrderBuilder(null, "ORM_O01").build("LabOrderPlaced", PLACED, V251).orElseThrow();
        Terser t = parse(m);

        assertEquals("ORM^O01", m.messageType());
        assertEquals("ORM_O01", t.get("MSH-9-3"));
        assertEquals("without the EMR PID carries the MRN only", "0000004711", t.get("/PATIENT/PID-3-1"));
        assertNull(t.get("/PATIENT/PID-5-1"));
        assertEquals("NW", t.get("/ORDER(0)/ORC-1"));
        assertEquals("L2612040017", t.get("/ORDER(0)/ORC-2-1"));
        assertEquals("A", t.get("/ORDER(0)/ORC-7-6"));
        assertEquals("L2612040017", t.get("/ORDER(1)/ORDER_DETAIL/OBR-2-1"));
        assertEquals("GLU", t.get("/ORDER(1)/ORDER_DETAIL/OBR-4-1"));
        assertEquals("SERUM", t.get("/ORDER(1)/ORDER_DETAIL/OBR-15-1-1"));
        assertEquals("S0000001234", t.get("/ORDER(1)/ORDER_DETAIL/OBR-20"));
        assertEquals("A", t.get("/ORDER(1)/ORDER_DETAIL/OBR-27-6"));
    }

    @Test
    public void noOrderMessageIsBuiltWhenTheLisTakesNoneAndAnUnknownSettingFailsTheEvent() {
        assertEquals(Optional.empty(), new LabOrderBuilder(emr, "NONE").build("LabOrderPlaced", PLACED, V251));
        OutboundBuildException e = assertThrows(OutboundBuildException.class,
                () -> new LabOrderBuilder(emr, "OML").build("LabOrderPlaced", PLACED, V251));
        assertEquals("lisOrderMessage OML in etc/org.pavilion.lab.cfg is none of NONE, ORM_O01, OML_O21",
                e.getMessage());
        assertEquals("the EMR is not asked for nothing", List.of(), asked);
    }

    @Test
    public void aReleasedResultIsAnOruR01WithTheValueUnitRangeFlagAndFinalStatus() throws Exception {
        OutboundMessage m = new LabResultBuilder(emr, true).build("LabResultReleased", RELEASED, V251)
                .orElseThrow();
        Terser t = parse(m);

        assertEquals("ORU^R01", m.messageType());
        assertEquals("0000004711", m.subjectKey());
        assertEquals("ORU_R01", t.get("MSH-9-3"));
        String p = "/PATIENT_RESULT/";
        assertEquals("0000004711", t.get(p + "PATIENT/PID-3-1"));
        assertEquals("Okafor", t.get(p + "PATIENT/PID-5-1"));
        String o = p + "ORDER_OBSERVATION/";
        assertEquals("RE", t.get(o + "ORC-1"));
        assertEquals("L2612040017", t.get(o + "OBR-2-1"));
        assertEquals("i-1", t.get(o + "OBR-3-1"));
        assertEquals("K", t.get(o + "OBR-4-1"));
        assertEquals("20261204104500+0100", t.get(o + "OBR-22-1"));
        assertEquals("F", t.get(o + "OBR-25"));
        String x = o + "OBSERVATION/OBX-";
        assertEquals("NM", t.get(x + "2"));
        assertEquals("K", t.get(x + "3-1"));
        assertEquals("2823-3", t.get(x + "3-4"));
        assertEquals("LN", t.get(x + "3-6"));
        assertEquals("6.8", t.get(x + "5"));
        assertEquals("mmol/L", t.get(x + "6-1"));
        assertEquals("3.5-5.1", t.get(x + "7"));
        assertEquals("HH", t.get(x + "8"));
        assertEquals("F", t.get(x + "11"));
        assertEquals("tech2", t.get(x + "16-1"));
    }

    @Test
    public void aCorrectedTextResultIsStatusCAndStringTyped() throws Exception {
        String corrected = RELEASED.replace("\"correctsResultId\":null", "\"correctsResultId\":\"r-70\"")
                .replace("\"FINAL\"", "\"CORRECTED\"").replace("\"6.8\"", "\"haemolysed: repeat ^ sample\"")
                .replace("\"mmol/L\"", "null").replace("\"HH\"", "null").replace("\"3.5-5.1\"", "null");
        Terser t = parse(new LabResultBuilder(null, true).build("LabResultReleased", corrected, V251).orElseThrow());

        assertEquals("C", t.get("/PATIENT_RESULT/ORDER_OBSERVATION/OBR-25"));
        String x = "/PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION/OBX-";
        assertEquals("ST", t.get(x + "2"));
        assertEquals("haemolysed: repeat ^ sample", t.get(x + "5"));
        assertNull(t.get(x + "6-1"));
        assertEquals("C", t.get(x + "11"));
    }

    @Test
    public void resultsAreNotSentUnlessConfiguredAndAPayloadWithoutItsOrderFailsTheEvent() {
        assertEquals(Optional.empty(), new LabResultBuilder(emr, false).build("LabResultReleased", RELEASED, V251));
        OutboundBuildException e = assertThrows(OutboundBuildException.class, () -> new LabResultBuilder(emr, true)
                .build("LabResultReleased", RELEASED.replace("\"orderNumber\":\"L2612040017\",", ""), V251));
        assertEquals("LabResultReleased payload has no orderNumber", e.getMessage());
        assertTrue(asked.isEmpty());
    }
}
