package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The administrator rewrites the texts: templates must compile, fit their rules and keep patients' texts non-clinical. */
public class TemplateEditsTest {

    private RulesDesk desk;

    @Before
    public void open() throws Exception {
        desk = new RulesDesk();
    }

    @After
    public void close() throws Exception {
        desk.close();
    }

    @Test
    public void aPatientsResultNoticeMayNotShowTheValue() {
        TemplateDto t = desk.template("lab-result-ready", "EMAIL", "en");
        String before = t.body;
        assertTrue(before, before.contains("A result is ready in your portal"));
        t.body = "Your result for order {{orderNumber}} is {{value}} {{unit}}.";
        RulesDesk.expect(422, () -> desk.templates.replace(t.id, t), "clinical field {{value}}",
                "clinical field {{unit}}", "rule lab-result-patient-email has no clinical detail");
        assertEquals(before, desk.template("lab-result-ready", "EMAIL", "en").body);
        assertTrue(desk.audit.events.isEmpty());

        // the doctor's text may: its rule has clinical detail
        TemplateDto doctor = desk.template("lab-result-doctor", "EMAIL", "en");
        doctor.body = "{{testName}} for {{patientId}}: {{value}} {{unit}} ({{flag}}).";
        assertEquals(doctor.body, desk.templates.replace(doctor.id, doctor).body);
        assertEquals(1, desk.audit.of("UPDATE", "notification-template").size());
    }

    @Test
    public void everyProblemOfATemplateIsNamedInOneAnswer() {
        TemplateDto t = new TemplateDto();
        t.templateKey = "appointment-booked";
        t.channel = "EMAIL";
        t.language = "not a language!";
        t.body = "Hello {{#recipientName}}{{recipientName}}, see you {{date}} with {{ward}}";
        RulesDesk.expect(422, () -> desk.templates.create(t), "language must be a BCP 47 tag",
                "subject is required for EMAIL", "body does not compile");

        t.language = "es";
        t.subject = "Cita con {{doctorName}}";
        t.body = "Su cita con {{doctorName}} en {{ward}} el {{date}}: {{serviceName}}.";
        RulesDesk.expect(422, () -> desk.templates.create(t), "{{ward}}, which AppointmentBooked does not have",
                "clinical field {{serviceName}}");

        TemplateDto sms = new TemplateDto();
        sms.templateKey = "appointment-booked";
        sms.channel = "SMS";
        sms.language = "es";
        sms.subject = "Cita";
        sms.body = "Cita con {{doctorName}} el {{date}} a las {{time}}. ".repeat(12);
        RulesDesk.expect(422, () -> desk.templates.create(sms), "subject must be absent for SMS",
                "an SMS body is at most 480 characters");
        sms.subject = null;
        sms.body = "Cita con {{doctorName}} el {{date}} a las {{time}}, {{location}}. Código {{bookingCode}}.";
        TemplateDto created = desk.templates.create(sms);
        assertEquals("es", created.language);
        assertNull(created.subject);
        assertEquals(1, desk.audit.of("CREATE", "notification-template").size());

        RulesDesk.expect(409, () -> desk.templates.create(sms), "exists");
    }

    @Test
    public void aTemplateNoRuleUsesYetMayNameAnyCataloguedField() {
        TemplateDto t = new TemplateDto();
        t.templateKey = "discharge-survey";
        t.channel = "SMS";
        t.language = "en";
        t.body = "How was your visit to {{location}}? {{surveyLink}}";
        RulesDesk.expect(422, () -> desk.templates.create(t), "{{surveyLink}}, which no event type has");
        t.body = "How was your visit to {{location}}?";
        assertEquals("discharge-survey", desk.templates.create(t).templateKey);
    }

    @Test
    public void theLastTextOfAKeyInUseCannotBeDeleted() {
        TemplateDto fr = desk.template("critical-result", "SMS", "fr");
        TemplateDto en = desk.template("critical-result", "SMS", "en");
        desk.templates.delete(fr.id);
        RulesDesk.expect(409, () -> desk.templates.delete(en.id), "critical-result-sms");
        assertEquals(1, desk.templates.list("critical-result", null, null, 0, 10).getTotal());

        // once its rule is disabled, the text may go
        RuleDto rule = desk.rules.get("critical-result-sms");
        rule.enabled = false;
        desk.rules.replace(rule.id, rule);
        desk.templates.delete(en.id);
        assertEquals(0, desk.templates.list("critical-result", null, null, 0, 10).getTotal());
        assertEquals(2, desk.audit.of("DELETE", "notification-template").size());
        RulesDesk.expect(404, () -> desk.templates.get(en.id), "does not exist");
    }

    @Test
    public void twoAdministratorsEditingTheSameTextTheSecondIsToldToReload() {
        TemplateDto mine = desk.template("invoice-issued", "EMAIL", "en");
        TemplateDto theirs = desk.template("invoice-issued", "EMAIL", "en");
        mine.subject = "Invoice {{invoiceNumber}} is ready";
        assertEquals(mine.version + 1, (int) desk.templates.replace(mine.id, mine).version);
        theirs.subject = "Your invoice {{invoiceNumber}} from the hospital";
        RulesDesk.expect(409, () -> desk.templates.replace(theirs.id, theirs), "changed by someone else");
        assertEquals("Invoice {{invoiceNumber}} is ready", desk.templates.get(mine.id).subject);

        theirs.version = null;
        RulesDesk.expect(409, () -> desk.templates.replace(theirs.id, theirs), "send its version");
        TemplateDto moved = desk.templates.get(mine.id);
        moved.language = "de";
        RulesDesk.expect(422, () -> desk.templates.replace(moved.id, moved), "keeps its key, channel and language");
    }
}
