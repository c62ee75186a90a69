package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

/** The administrator adjusts who is told what: rules checked in full, raced edits refused, seeded rules kept. */
public class RuleEditsTest {

    private RulesDesk desk;

    @Before
    public void open() throws Exception {
        desk = new RulesDesk();
    }

    @After
    public void close() throws Exception {
        desk.close();
    }

    private static RuleDto wardSms() {
        RuleDto r = new RuleDto();
        r.id = "critical-result-doctor-sms";
        r.eventType = "CriticalLabResult";
        r.recipient = RuleView.ORDERING_DOCTOR;
        r.channel = "SMS";
        r.templateKey = "critical-result";
        r.urgent = true;
        return r;
    }

    @Test
    public void theSeededRulesAreInForceSortedById() {
        assertEquals(18, desk.rules.list(null, null, 0, 50).getTotal());
        List<String> booked = desk.rules.forEvent("AppointmentBooked").stream().map(RuleView::id).toList();
        assertEquals(List.of("appointment-booked-email", "appointment-booked-sms"), booked);
        RuleView reminder = desk.rules.forEvent("AppointmentReminder").get(0);
        assertEquals(Integer.valueOf(1440), reminder.offsetMinutes());
        RuleView critical = desk.rules.forEvent("CriticalLabResult").get(0);
        assertTrue(critical.urgent());
        assertFalse(critical.clinicalDetail());
        // "your doctor is ready" goes at once, also in quiet hours: the patient is waiting in the video room
        List<RuleView> ready = desk.rules.forEvent("ConsultationStarted");
        assertEquals(List.of("consultation-started-email", "consultation-started-sms"),
                ready.stream().map(RuleView::id).toList());
        ready.forEach(r -> {
            assertTrue(r.id(), r.urgent());
            assertEquals(RuleView.PATIENT, r.recipient());
        });
        // the stock alert waits for the pharmacy's addresses
        assertEquals(List.of(), desk.rules.forEvent("StockAlertRaised"));
        assertEquals(List.of(), desk.rules.forEvent("PatientDischarged"));
    }

    @Test
    public void aNewRuleForTheOrderingDoctorIsCreatedAuditedAndInForce() {
        RuleDto r = desk.rules.create(wardSms());
        assertEquals("admin.ines", r.updatedBy);
        assertFalse(r.seeded);
        assertTrue(r.enabled);
        assertEquals(List.of("critical-result-doctor-sms", "critical-result-sms"),
                desk.rules.forEvent("CriticalLabResult").stream().map(RuleView::id).toList());
        assertEquals(1, desk.audit.of("CREATE", "notification-rule").size());
        assertEquals("critical-result-doctor-sms", desk.audit.of("CREATE", "notification-rule").get(0).resourceId());

        RulesDesk.expect(409, () -> desk.rules.create(wardSms()), "exists");

        desk.rules.delete(r.id);
        assertEquals(List.of("critical-result-sms"),
                desk.rules.forEvent("CriticalLabResult").stream().map(RuleView::id).toList());
        assertEquals(1, desk.audit.of("DELETE", "notification-rule").size());
    }

    @Test
    public void everyProblemOfARuleIsNamedInOneAnswer() {
        RuleDto r = new RuleDto();
        r.id = "discharge-letter";
        r.eventType = "PatientDischarged";
        r.recipient = "NURSE";
        r.channel = "e-mail";
        r.templateKey = "Discharge Letter";
        r.offsetMinutes = 60;
        ProblemException e = RulesDesk.expect(422, () -> desk.rules.create(r), "eventType 'PatientDischarged'",
                "recipient must be one of", "channel must be upper-case", "templateKey is required",
                "offsetMinutes is only for AppointmentReminder");
        assertEquals(5, ((List<?>) e.extensions().get("problems")).size());

        RuleDto reminder = new RuleDto();
        reminder.id = "appointment-reminder-week-sms";
        reminder.eventType = "AppointmentReminder";
        reminder.recipient = RuleView.ACCOUNT;
        reminder.channel = "SMS";
        reminder.templateKey = "appointment-reminder";
        reminder.offsetMinutes = 50000;
        RulesDesk.expect(422, () -> desk.rules.create(reminder), "offsetMinutes is required for AppointmentReminder",
                "(was 50000)", "recipient ACCOUNT is not possible for AppointmentReminder");
        reminder.recipient = RuleView.PATIENT;
        reminder.offsetMinutes = 7 * 24 * 60;
        assertEquals(Integer.valueOf(10080), desk.rules.create(reminder).offsetMinutes);

        RuleDto noTemplate = wardSms();
        noTemplate.channel = "EMAIL";
        RulesDesk.expect(422, () -> desk.rules.create(noTemplate), "critical-result has no template for channel EMAIL");
        assertEquals(1, desk.audit.events.size());
    }

    @Test
    public void aPatientRuleMayNotUseATemplateWithClinicalFields() {
        RuleDto r = new RuleDto();
        r.id = "lab-result-patient-detail-email";
        r.eventType = "LabResultReleased";
        r.recipient = RuleView.PATIENT;
        r.channel = "EMAIL";
        r.templateKey = "lab-result-doctor";
        RulesDesk.expect(422, () -> desk.rules.create(r), "clinical field {{testName}}",
                "rule lab-result-patient-detail-email has no clinical detail");
        r.clinicalDetail = true;
        assertTrue(desk.rules.create(r).clinicalDetail);

        RuleDto otherEvent = wardSms();
        otherEvent.eventType = "InvoiceIssued";
        otherEvent.recipient = RuleView.PATIENT;
        otherEvent.templateKey = "appointment-booked";
        RulesDesk.expect(422, () -> desk.rules.create(otherEvent), "{{bookingCode}}, which InvoiceIssued does not have");
    }

    @Test
    public void theStockAlertIsEnabledOnceThePharmacyGivesItsAddresses() {
        RuleDto stock = desk.rules.get("stock-alert-email");
        stock.enabled = true;
        RulesDesk.expect(422, () -> desk.rules.replace("stock-alert-email", stock), "ADDRESSES needs addresses");
        stock.addresses = List.of("pharmacy@hospital.example", "+33612345678", "front desk");
        RulesDesk.expect(422, () -> desk.rules.replace("stock-alert-email", stock),
                "'front desk' is neither an e-mail address nor an E.164 phone number");
        stock.addresses = List.of("pharmacy@hospital.example", "+33612345678");
        RuleDto saved = desk.rules.replace("stock-alert-email", stock);
        assertEquals(List.of("pharmacy@hospital.example", "+33612345678"), saved.addresses);
        assertTrue(saved.seeded);
        assertEquals(List.of("pharmacy@hospital.example", "+33612345678"),
                desk.rules.forEvent("StockAlertRaised").get(0).addresses());
        assertEquals(1, desk.audit.of("UPDATE", "notification-rule").size());
    }

    @Test
    public void twoAdministratorsEditingTheSameRuleTheSecondIsToldToReload() {
        RuleDto mine = desk.rules.get("appointment-booked-sms");
        RuleDto theirs = desk.rules.get("appointment-booked-sms");
        mine.enabled = false;
        desk.rules.replace(mine.id, mine);
        assertEquals(List.of("appointment-booked-email"),
                desk.rules.forEvent("AppointmentBooked").stream().map(RuleView::id).toList());
        theirs.urgent = true;
        RulesDesk.expect(409, () -> desk.rules.replace(theirs.id, theirs), "changed by someone else");
        assertFalse(desk.rules.get("appointment-booked-sms").urgent);
    }

    @Test
    public void aSeededRuleIsDisabledNotDeleted() {
        RulesDesk.expect(409, () -> desk.rules.delete("invoice-issued-email"), "disable it instead");
        RulesDesk.expect(404, () -> desk.rules.delete("no-such-rule"), "does not exist");
        assertEquals(1, desk.rules.forEvent("InvoiceIssued").size());
        assertTrue(desk.audit.events.isEmpty());
    }
}
