package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.scheduling.api.AppointmentBooked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Messages as patients and doctors receive them: language chain, dates in their language, plain text. */
public class RenderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RulesDesk desk;

    @Before
    public void open() throws Exception {
        desk = new RulesDesk();
    }

    @After
    public void close() throws Exception {
        desk.close();
    }

    /** Dr Martin's Monday 09:30 cardiology visit, booked on the portal by Claire Dubois. */
    private static JsonNode booked() {
        AppointmentBooked e = new AppointmentBooked();
        e.appointmentId = "appt-1207-0930";
        e.patientId = "MRN-000123";
        e.doctorId = "dr.martin";
        e.doctorName = "Dr Amélie Martin";
        e.specialty = "Cardiology";
        e.serviceCode = "CONS-CARD";
        e.serviceName = "Cardiology consultation";
        e.visitType = "IN_PERSON";
        e.location = "Building B, room 214";
        e.start = "2026-12-07T08:30:00Z";
        e.end = "2026-12-07T08:50:00Z";
        e.localStart = "2026-12-07T09:30";
        e.zone = "Europe/Paris";
        e.channel = "PORTAL";
        e.bookingCode = "BK-7Q4M2";
        return JSON.valueToTree(e);
    }

    private RuleView rule(String id) {
        return RulesDesk.view(desk.rules.get(id));
    }

    @Test
    public void aBookingInFrenchSaysMondayTheSeventhAtHalfPastNine() {
        Rendered mail = desk.renderer.render(rule("appointment-booked-email"), "fr", booked(), "Claire Dubois")
                .orElseThrow();
        assertEquals("fr", mail.language());
        assertEquals("Votre rendez-vous le lundi 7 décembre 2026 à 09:30", mail.subject());
        assertTrue(mail.body(), mail.body().startsWith("Bonjour Claire Dubois,\n\n"));
        assertTrue(mail.body(), mail.body().contains("Dr Amélie Martin est réservé le lundi 7 décembre 2026 à 09:30"));
        assertTrue(mail.body(), mail.body().contains("Building B, room 214"));
        assertTrue(mail.body(), mail.body().contains("BK-7Q4M2"));
        assertFalse("no specialty in a patient's text: " + mail.body(), mail.body().contains("Cardiology"));

        Rendered sms = desk.renderer.render(rule("appointment-booked-sms"), "fr", booked(), "Claire Dubois")
                .orElseThrow();
        assertNull(sms.subject());
        assertEquals("Rendez-vous avec Dr Amélie Martin le lundi 7 décembre 2026 à 09:30, Building B, room 214. "
                + "Code de réservation BK-7Q4M2.", sms.body());
    }

    @Test
    public void canadianFrenchFallsBackToFrenchAndGermanToEnglish() {
        RuleView sms = rule("appointment-booked-sms");
        Rendered quebec = desk.renderer.render(sms, "fr-CA", booked(), null).orElseThrow();
        assertEquals("fr", quebec.language());
        assertTrue(quebec.body(), quebec.body().contains("lundi 7 décembre 2026 à 09:30"));

        Rendered german = desk.renderer.render(sms, "de-DE", booked(), null).orElseThrow();
        assertEquals("en", german.language());
        assertEquals("Appointment with Dr Amélie Martin on Monday, December 7, 2026 at 09:30, Building B, room 214. "
                + "Booking code BK-7Q4M2.", german.body());

        // a text of their own, once the hospital writes one, wins over the French one
        TemplateDto own = new TemplateDto();
        own.templateKey = "appointment-booked";
        own.channel = "SMS";
        own.language = "fr-ca";
        own.body = "Rendez-vous avec {{doctorName}} le {{date}} à {{time}}. Code {{bookingCode}}.";
        assertEquals("fr-CA", desk.templates.create(own).language);
        Rendered quebecNow = desk.renderer.render(sms, "fr-CA", booked(), null).orElseThrow();
        assertEquals("fr-CA", quebecNow.language());
        assertTrue(quebecNow.body(), quebecNow.body().endsWith("Code BK-7Q4M2."));
    }

    @Test
    public void namesWithApostrophesAndAmpersandsAreWrittenAsTheyAre() {
        JsonNode e = booked();
        ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("location", "O'Brien & Sons Clinic <East wing>");
        Rendered mail = desk.renderer.render(rule("appointment-booked-email"), "en", e, "Seán O'Brien").orElseThrow();
        assertTrue(mail.body(), mail.body().startsWith("Dear Seán O'Brien,"));
        assertTrue(mail.body(), mail.body().contains("Location: O'Brien & Sons Clinic <East wing>"));
        assertFalse(mail.body(), mail.body().contains("&amp;") || mail.body().contains("&#39;"));
    }

    @Test
    public void aKeyWithoutTemplatesInAnyLanguageRendersNothing() {
        RuleView orphan = new RuleView("orphan", "AppointmentBooked", RuleView.PATIENT, List.of(), "SMS",
                "appointment-follow-up", false, false, null, true);
        assertEquals(Optional.empty(), desk.renderer.render(orphan, "fr", booked(), "Claire Dubois"));
        // the key exists, but not for this channel
        RuleView whatsapp = new RuleView("wa", "AppointmentBooked", RuleView.PATIENT, List.of(), "WHATSAPP",
                "appointment-booked", false, false, null, true);
        assertEquals(Optional.empty(), desk.renderer.render(whatsapp, "en", booked(), null));
    }

    @Test
    public void theDoctorSeesTheTestButClinicalFieldsStayOutOfARuleWithoutClinicalDetail() {
        LabResultReleased e = new LabResultReleased();
        e.orderId = "ord-4512";
        e.orderNumber = "LAB-2026-004512";
        e.patientId = "MRN-000123";
        e.orderingDoctor = "dr.martin";
        e.priority = "ROUTINE";
        e.testCode = "GLU";
        e.testName = "Glucose, fasting";
        e.value = "5.4";
        e.unit = "mmol/L";
        e.releasedAt = "2026-12-05T10:12:00Z";
        JsonNode event = JSON.valueToTree(e);

        RuleView doctor = rule("lab-result-doctor-email");
        Rendered toDoctor = desk.renderer.render(doctor, "en", event, "Dr Amélie Martin").orElseThrow();
        assertEquals("Result released: Glucose, fasting, order LAB-2026-004512", toDoctor.subject());

        // the same text under a rule that does not allow clinical detail: the test's name is not there to use
        RuleView withoutDetail = new RuleView(doctor.id(), doctor.eventType(), doctor.recipient(), List.of(),
                doctor.channel(), doctor.templateKey(), false, false, null, true);
        Rendered blank = desk.renderer.render(withoutDetail, "en", event, null).orElseThrow();
        assertEquals("Result released: , order LAB-2026-004512", blank.subject());

        Rendered toPatient = desk.renderer.render(rule("lab-result-patient-email"), "fr", event, "Claire Dubois")
                .orElseThrow();
        assertEquals("Un résultat est disponible dans votre portail", toPatient.subject());
        assertFalse(toPatient.body(), toPatient.body().contains("5.4") || toPatient.body().contains("Glucose"));
    }

    @Test
    public void anEditedTemplateAppliesToTheNextMessage() {
        RuleView sms = rule("appointment-booked-sms");
        assertTrue(desk.renderer.render(sms, "en", booked(), null).orElseThrow().body().startsWith("Appointment with"));
        TemplateDto t = desk.template("appointment-booked", "SMS", "en");
        t.body = "Booked: {{doctorName}}, {{date}} {{time}}, code {{bookingCode}}.";
        desk.templates.replace(t.id, t);
        assertEquals("Booked: Dr Amélie Martin, Monday, December 7, 2026 09:30, code BK-7Q4M2.",
                desk.renderer.render(sms, "en", booked(), null).orElseThrow().body());
    }
}
