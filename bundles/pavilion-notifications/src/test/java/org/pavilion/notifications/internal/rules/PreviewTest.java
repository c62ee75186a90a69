package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Before saving, the administrator sees what a patient would receive, with sample data or their own. */
public class PreviewTest {

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
    public void theStoredReminderInFrenchWithTheCataloguesSample() {
        PreviewRequest p = new PreviewRequest();
        p.eventType = "AppointmentReminder";
        p.templateKey = "appointment-reminder";
        p.channel = "SMS";
        p.language = "fr-BE";
        Rendered r = desk.previews.preview(p);
        assertEquals("fr", r.language());
        assertNull(r.subject());
        assertEquals("Rappel : rendez-vous avec Dr Amélie Martin le lundi 7 décembre 2026 à 09:30, "
                + "Building B, room 214.", r.body());

        p.data = Map.of("localStart", "2027-01-04T16:15", "doctorName", "Dr Jonas Weber");
        assertEquals("Rappel : rendez-vous avec Dr Jonas Weber le lundi 4 janvier 2027 à 16:15, Building B, room 214.",
                desk.previews.preview(p).body());
        assertTrue(desk.audit.events.isEmpty());
    }

    @Test
    public void aTextBeingWrittenIsRenderedOrItsProblemsListed() {
        PreviewRequest p = new PreviewRequest();
        p.eventType = "InvoiceIssued";
        p.channel = "EMAIL";
        p.language = "en";
        p.subject = "Invoice {{invoiceNumber}}";
        p.body = "{{patientBalance}} {{currency}} due by {{dueDateText}}. {{recipientName}}";
        p.recipientName = "Mr O'Neill & family";
        Rendered r = desk.previews.preview(p);
        assertEquals("Invoice INV-2026-000318", r.subject());
        assertEquals("36.00 EUR due by Thursday, December 31, 2026. Mr O'Neill & family", r.body());

        p.subject = null;
        p.body = "{{patientBalance}} due, value {{value}}, {{#unclosed}}";
        RulesDesk.expect(422, () -> desk.previews.preview(p), "subject is required for EMAIL", "body does not compile");
        p.body = "{{patientBalance}} due, value {{value}}";
        RulesDesk.expect(422, () -> desk.previews.preview(p), "{{value}}, which InvoiceIssued does not have");

        PreviewRequest nothing = new PreviewRequest();
        nothing.eventType = "PatientDischarged";
        RulesDesk.expect(422, () -> desk.previews.preview(nothing), "'PatientDischarged' is not in the catalogue",
                "channel is required", "send a templateKey, or a body");

        PreviewRequest missing = new PreviewRequest();
        missing.eventType = "SlotOffered";
        missing.templateKey = "slot-offered";
        missing.channel = "WHATSAPP";
        RulesDesk.expect(422, () -> desk.previews.preview(missing), "slot-offered has no template for WHATSAPP in en");
    }

    @Test
    public void clinicalFieldsShowOnlyWhenThePreviewAsksForClinicalDetail() {
        PreviewRequest p = new PreviewRequest();
        p.eventType = "CriticalLabResult";
        p.channel = "SMS";
        p.body = "{{testName}} {{value}} {{unit}} for order {{orderNumber}}";
        RulesDesk.expect(422, () -> desk.previews.preview(p), "clinical field {{testName}}", "clinical field {{value}}");
        p.clinicalDetail = true;
        assertEquals("Potassium 6.9 mmol/L for order LAB-2026-004512", desk.previews.preview(p).body());
    }
}
