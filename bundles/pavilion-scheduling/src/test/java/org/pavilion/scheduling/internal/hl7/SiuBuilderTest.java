package org.pavilion.scheduling.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
 * The SIU a hospital's feed sends to the clinic's scheduling system for the appointments booked at Pavilion's desk
 * and portal, read back by HAPI (a fresh v2.5.1 context, as the receiving system would parse them).
 */
public class SiuBuilderTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String BOOKED = "{\"appointmentId\":\"a-7f3c\",\"patientId\":\"0000004711\",\"doctorId\":\"d-berg\","
            + "\"doctorName\":\"Dr Anna Berg\",\"specialty\":\"Cardiology\",\"serviceCode\":\"CARD-FU\","
            + "\"serviceName\":\"Cardiology follow-up\",\"visitType\":\"IN_PERSON\",\"location\":\"OPD-2\","
            + "\"start\":\"2026-12-07T08:30:00Z\",\"end\":\"2026-12-07T08:50:00Z\",\"localStart\":\"2026-12-07T09:30\","
            + "\"zone\":\"Europe/Berlin\",\"channel\":\"DESK\",\"actor\":\"desk1\",\"bookingCode\":\"K7Q2XW\"}";

    /** The EMR's answers for PID, and the purposes they were asked with (the audit's). */
    private final List<String> asked = new ArrayList<>();
    private final PatientNames emr = (mrn, purpose) -> {
        asked.add(mrn + ": " + purpose);
        return mrn.equals("0000004711") ? Optional.of(new PatientNames.Names("Okafor", "Adaeze", "1984-03-01", "F"))
                : Optional.empty();
    };

    record Feed(String version, String characterSet) implements OutboundContext {
        public String feed() {
            return "clinic-sched";
        }

        public String sendingApplication() {
            return "PAVILION";
        }

        public String sendingFacility() {
            return "STMARY";
        }

        public String receivingApplication() {
            return "CLINICSCHED";
        }

        public String receivingFacility() {
            return "STMARY";
        }

        public String processingId() {
            return "P";
        }

        public String mrnAuthority() {
            return "PAV";
        }

        public String controlId() {
            return "0A1B2C3D4E5F60718293";
        }

        public Instant occurredAt() {
            return Instant.parse("2026-12-04T07:15:30Z");
        }

        public ZoneId zone() {
            return BERLIN;
        }
    }

    static final Feed V251 = new Feed("2.5.1", "UNICODE UTF-8");

    static Terser parse(OutboundMessage m) throws Exception {
        try (HapiContext receiver = new DefaultHapiContext()) {
            receiver.setValidationContext(ValidationContextFactory.noValidation());
            Message parsed = receiver.getPipeParser().parse(m.text());
            assertEquals("2.5.1", parsed.getVersion());
            return new Terser(parsed);
        }
    }

    private OutboundMessage build(String eventType, String payload) {
        return new SiuBuilder(emr).build(eventType, payload, V251).orElseThrow();
    }

    @Test
    public void aBookingIsAnS12WithTheAppointmentItsTimeThePatientAndTheDoctor() throws Exception {
        OutboundMessage m = build("AppointmentBooked", BOOKED);
        Terser t = parse(m);

        assertEquals("SIU^S12", m.messageType());
        assertEquals("sent in order with the patient's ADT", "0000004711", m.subjectKey());
        assertNull(m.relatedKey());
        assertEquals("PAVILION", t.get("MSH-3-1"));
        assertEquals("STMARY", t.get("MSH-4-1"));
        assertEquals("CLINICSCHED", t.get("MSH-5-1"));
        assertEquals("STMARY", t.get("MSH-6-1"));
        assertEquals("08:15:30 in Berlin", "20261204081530", t.get("MSH-7-1"));
        assertEquals("SIU", t.get("MSH-9-1"));
        assertEquals("S12", t.get("MSH-9-2"));
        assertEquals("SIU_S12", t.get("MSH-9-3"));
        assertEquals("0A1B2C3D4E5F60718293", t.get("MSH-10"));
        assertEquals("P", t.get("MSH-11-1"));
        assertEquals("2.5.1", t.get("MSH-12-1"));
        assertEquals("UNICODE UTF-8", t.get("MSH-18"));

        assertEquals("our id, as the filler", "a-7f3c", t.get("/.SCH-2-1"));
        assertEquals("PAVILION", t.get("/.SCH-2-2"));
        assertNull(t.get("/.SCH-1-1"));
        assertEquals("IN_PERSON", t.get("/.SCH-8-1"));
        assertEquals("20", t.get("/.SCH-9"));
        assertEquals("min", t.get("/.SCH-10-1"));
        assertEquals("20261207093000+0100", t.get("/.SCH-11-4-1"));
        assertEquals("20261207095000+0100", t.get("/.SCH-11-5-1"));
        assertEquals("Booked", t.get("/.SCH-25-1"));
        assertEquals("20261207093000+0100", t.get("/.TQ1-7-1"));
        assertEquals("20261207095000+0100", t.get("/.TQ1-8-1"));

        assertEquals("0000004711", t.get("/.PID-3-1"));
        assertEquals("PAV", t.get("/.PID-3-4"));
        assertEquals("MR", t.get("/.PID-3-5"));
        assertEquals("Okafor", t.get("/.PID-5-1"));
        assertEquals("Adaeze", t.get("/.PID-5-2"));
        assertEquals("19840301", t.get("/.PID-7-1"));
        assertEquals("F", t.get("/.PID-8"));
        assertEquals(List.of("0000004711: HL7 SIU to feed clinic-sched"), asked);

        assertEquals("1", t.get("/.RGS-1"));
        assertEquals("CARD-FU", t.get("/.AIS-3-1"));
        assertEquals("Cardiology follow-up", t.get("/.AIS-3-2"));
        assertEquals("20261207093000+0100", t.get("/.AIS-4-1"));
        assertEquals("20", t.get("/.AIS-7"));
        assertEquals("min", t.get("/.AIS-8-1"));
        assertEquals("Booked", t.get("/.AIS-10-1"));
        assertEquals("OPD-2", t.get("/.AIL-3-1"));
        assertEquals("d-berg", t.get("/.AIP-3-1"));
        assertEquals("Dr Anna Berg", t.get("/.AIP-3-2"));
        assertEquals("20261207093000+0100", t.get("/.AIP-6-1"));
    }

    @Test
    public void aRescheduleIsAnS13AtTheNewTime() throws Exception {
        String moved = BOOKED.replace("2026-12-07T08:30:00Z", "2026-12-08T13:00:00Z")
                .replace("2026-12-07T08:50:00Z", "2026-12-08T13:20:00Z")
                .replace("\"bookingCode\":\"K7Q2XW\"", "\"previousStart\":\"2026-12-07T08:30:00Z\"");
        OutboundMessage m = build("AppointmentRescheduled", moved);
        Terser t = parse(m);

        assertEquals("SIU^S13", m.messageType());
        assertEquals("S13", t.get("MSH-9-2"));
        assertEquals("20261208140000+0100", t.get("/.SCH-11-4-1"));
        assertEquals("20261208140000+0100", t.get("/.AIS-4-1"));
        assertEquals("Booked", t.get("/.SCH-25-1"));
    }

    @Test
    public void aCancellationIsAnS15WithItsReasonAndDelimitersInTextsAreEscaped() throws Exception {
        String reason = "Dr Berg ill | see Dr Osei^Osei & partners~ward \\3";
        String cancelled = BOOKED.replace("\"bookingCode\":\"K7Q2XW\"", "\"reason\":\"" + reason.replace("\\", "\\\\")
                + "\"").replace("Dr Anna Berg", "Berg & S\u00f6hne^Cardiology");
        OutboundMessage m = build("AppointmentCancelled", cancelled);
        Terser t = parse(m);

        assertEquals("SIU^S15", m.messageType());
        assertEquals("S15", t.get("MSH-9-2"));
        assertEquals("Cancelled", t.get("/.SCH-25-1"));
        assertEquals("Cancelled", t.get("/.AIS-10-1"));
        assertEquals(reason, t.get("/.SCH-6-2"));
        assertEquals("Berg & S\u00f6hne^Cardiology", t.get("/.AIP-3-2"));
        assertEquals("the segments are all there", 8, m.text().split("\r").length);
    }

    @Test
    public void aNoShowIsAnS26() throws Exception {
        OutboundMessage m = build("AppointmentNoShow", BOOKED.replace("\"bookingCode\":\"K7Q2XW\"",
                "\"markedAt\":\"2026-12-07T09:00:00Z\""));
        Terser t = parse(m);

        assertEquals("SIU^S26", m.messageType());
        assertEquals("S26", t.get("MSH-9-2"));
        assertEquals("Noshow", t.get("/.SCH-25-1"));
    }

    @Test
    public void withoutTheEmrPidCarriesTheIdentifierOnly() throws Exception {
        OutboundMessage m = new SiuBuilder(null).build("AppointmentBooked", BOOKED.replace("\"location\":\"OPD-2\",",
                ""), V251).orElseThrow();
        Terser t = parse(m);

        assertEquals("0000004711", t.get("/.PID-3-1"));
        assertNull(t.get("/.PID-5-1"));
        assertNull(t.get("/.PID-7-1"));
        assertFalse("no location: no AIL", m.text().contains("\rAIL|"));
    }

    @Test
    public void olderVersionsGetNoTq1AndV23NoStructureInMsh9() {
        OutboundMessage v24 = new SiuBuilder(emr).build("AppointmentBooked", BOOKED, new Feed("2.4", null))
                .orElseThrow();
        OutboundMessage v23 = new SiuBuilder(emr).build("AppointmentBooked", BOOKED, new Feed("2.3", null))
                .orElseThrow();

        assertFalse(v24.text().contains("\rTQ1|"));
        assertTrue(v24.text().startsWith("MSH|^~\\&|PAVILION|STMARY|CLINICSCHED|STMARY|20261204081530||SIU^S12^SIU_S12|"
                + "0A1B2C3D4E5F60718293|P|2.4\r"));
        assertTrue(v23.text(), v23.text().startsWith("MSH|^~\\&|PAVILION|STMARY|CLINICSCHED|STMARY|20261204081530||"
                + "SIU^S12|0A1B2C3D4E5F60718293|P|2.3\r"));
    }

    @Test
    public void aPayloadWithoutItsAppointmentOrTimeCannotMakeAMessage() {
        SiuBuilder builder = new SiuBuilder(emr);
        assertEquals("payload has no start", assertThrows(OutboundBuildException.class, () -> builder.build(
                "AppointmentBooked", BOOKED.replace("\"start\"", "\"begin\""), V251)).getMessage());
        assertEquals("payload has no appointmentId", assertThrows(OutboundBuildException.class, () -> builder.build(
                "AppointmentCancelled", "{\"patientId\":\"0000004711\"}", V251)).getMessage());
        assertEquals("no SIU message for event PatientCheckedIn", assertThrows(OutboundBuildException.class,
                () -> builder.build("PatientCheckedIn", BOOKED, V251)).getMessage());
        assertTrue(assertThrows(OutboundBuildException.class, () -> builder.build("AppointmentBooked", "{not json",
                V251)).getMessage().startsWith("AppointmentBooked payload is not JSON"));
    }
}
