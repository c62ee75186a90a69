package org.pavilion.notifications.internal.intake;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.internal.NotificationsDatabase;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.scheduling.api.AppointmentBooked;

/**
 * A morning at the front desk and the lab: events in, nt_notification rows out (the real change log, a fake queue that
 * writes rows with the dedup check). Payloads are the departments' own event classes serialised with Jackson.
 */
public class IntakeDayTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private NotificationsDatabase db;
    private FakeRuleBook rules;
    private FakeDirectory directory;
    private FakeRenderer renderer;
    private EventIntake intake;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        rules = FakeRuleBook.seeded();
        directory = new FakeDirectory();
        renderer = new FakeRenderer();
        intake = EventIntake.of(db.jpa, rules, directory, renderer, new FakeQueue());
        directory.patient("MRN-1001", "Amélie", "amelie@example.org", "+33611111111");
        directory.staff("dr.house", "house@hospital.example", "+33622222222");
        directory.staff("nurse.joy", "joy@hospital.example", "+33633333333");
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    static AppointmentBooked booked(String appointmentId, String patientId, String start) {
        AppointmentBooked b = new AppointmentBooked();
        b.appointmentId = appointmentId;
        b.patientId = patientId;
        b.doctorName = "Dr Martin";
        b.specialty = "Cardiology";
        b.serviceName = "Consultation";
        b.visitType = "IN_PERSON";
        b.location = "Building B, room 12";
        b.start = start;
        b.end = java.time.Instant.parse(start).plusSeconds(1800).toString();
        b.localStart = "2026-12-07T09:30";
        b.zone = "Europe/Paris";
        b.channel = "DESK";
        b.bookingCode = "K7Q2";
        return b;
    }

    static LabResultReleased potassium(String orderId) {
        LabResultReleased r = new LabResultReleased();
        r.orderId = orderId;
        r.orderNumber = "LAB-2026-000042";
        r.patientId = "MRN-1001";
        r.orderingDoctor = "dr.house";
        r.priority = "ROUTINE";
        r.testCode = "K";
        r.testName = "Potassium";
        r.value = "4.1";
        r.unit = "mmol/L";
        r.status = "FINAL";
        r.releasedAt = "2026-12-05T08:00:00Z";
        return r;
    }

    static JsonNode json(Object event) {
        return JSON.valueToTree(event);
    }

    private List<NotificationEntity> rows() {
        return db.jpa.call(em -> em.createQuery("SELECT n FROM NotificationEntity n ORDER BY n.ruleId, n.recipientRef",
                NotificationEntity.class).getResultList());
    }

    @Test
    public void aBookingQueuesAnEmailAndAnSmsToThePatientAndARepeatQueuesNothing() {
        JsonNode event = json(booked("APT-1", "MRN-1001", "2026-12-07T08:30:00Z"));

        assertEquals(2, intake.accept("ev-1", AppointmentBooked.TYPE, event));
        assertEquals("the bus delivers again: nothing more", 0, intake.accept("ev-1", AppointmentBooked.TYPE, event));

        List<NotificationEntity> rows = rows();
        assertEquals(2, rows.size());
        NotificationEntity email = rows.get(0);
        assertEquals("appointment-booked-email", email.getRuleId());
        assertEquals("ev-1|appointment-booked-email|MRN-1001|EMAIL", email.getDedupKey());
        assertEquals("appointment:APT-1", email.getSubjectRef());
        assertEquals("PATIENT", email.getRecipientKind());
        assertEquals("MRN-1001", email.getPatientId());
        assertEquals("amelie@example.org", email.getAddress());
        assertEquals("QUEUED", email.getStatus());
        assertTrue(email.getBody(), email.getBody().startsWith("Hello Amélie, appointment-booked 2026-12-07T08:30"));
        assertEquals("+33611111111", rows.get(1).getAddress());
        assertEquals("SMS", rows.get(1).getChannel());
        assertEquals("the patient was read once for both rules", 2, directory.patientReads);
    }

    @Test
    public void aReleasedResultGoesToThePatientAndToTheOrderingDoctor() {
        assertEquals(2, intake.accept("ev-lab", LabResultReleased.TYPE, json(potassium("ORD-7"))));

        List<NotificationEntity> rows = rows();
        assertEquals(2, rows.size());
        NotificationEntity doctor = rows.get(0);
        assertEquals("lab-result-doctor-email", doctor.getRuleId());
        assertEquals("STAFF", doctor.getRecipientKind());
        assertEquals("dr.house", doctor.getRecipientRef());
        assertEquals("house@hospital.example", doctor.getAddress());
        assertEquals("about the patient: privacy operations find it", "MRN-1001", doctor.getPatientId());
        NotificationEntity patient = rows.get(1);
        assertEquals("lab-result-patient-email", patient.getRuleId());
        assertEquals("amelie@example.org", patient.getAddress());
        assertEquals("order:ORD-7", patient.getSubjectRef());
    }

    @Test
    public void aPatientWhoOptedOutOfSmsIsLoggedSuppressedNotSent() {
        directory.patient("MRN-2002", "Bruno", "bruno@example.org", "+33644444444", "SMS");

        assertEquals(2, intake.accept("ev-2", AppointmentBooked.TYPE,
                json(booked("APT-2", "MRN-2002", "2026-12-08T10:00:00Z"))));

        Map<String, NotificationEntity> byChannel = byChannel(rows());
        assertEquals("QUEUED", byChannel.get("EMAIL").getStatus());
        assertEquals("SUPPRESSED", byChannel.get("SMS").getStatus());
        assertEquals(EventIntake.OPTED_OUT, byChannel.get("SMS").getLastAnswer());
        assertNull("no address kept for a message never sent", byChannel.get("SMS").getAddress());
    }

    @Test
    public void anUrgentCriticalResultReachesTheNotifiedNurseEvenInsideTheNightAndADoctorWithoutContactIsLogged() {
        CriticalLabResult c = new CriticalLabResult();
        c.alertId = "AL-1";
        c.orderId = "ORD-9";
        c.patientId = "MRN-1001";
        c.orderingDoctor = "dr.nobody";
        c.notify = "nurse.joy";
        c.testName = "Potassium";
        c.value = "6.9";
        c.level = 1;
        rules.add("critical-result-doctor-sms", "CriticalLabResult", "ORDERING_DOCTOR", "SMS", "critical-result", true,
                false, null);

        assertEquals(2, intake.accept("ev-crit", CriticalLabResult.TYPE, json(c)));

        Map<String, NotificationEntity> byRule = new java.util.HashMap<>();
        rows().forEach(n -> byRule.put(n.getRuleId(), n));
        NotificationEntity nurse = byRule.get("critical-result-sms");
        assertEquals("+33633333333", nurse.getAddress());
        assertTrue(nurse.isUrgent());
        assertEquals("QUEUED", nurse.getStatus());
        NotificationEntity doctor = byRule.get("critical-result-doctor-sms");
        assertEquals("SUPPRESSED", doctor.getStatus());
        assertEquals(EventIntake.NO_ADDRESS, doctor.getLastAnswer());
    }

    @Test
    public void withoutTheEmrPatientsAreLoggedNoPatientDirectoryAndAnUnknownPatientNoAddress() {
        directory.emrInstalled = false;
        intake.accept("ev-3", AppointmentBooked.TYPE, json(booked("APT-3", "MRN-1001", "2026-12-09T10:00:00Z")));
        rows().forEach(n -> {
            assertEquals("SUPPRESSED", n.getStatus());
            assertEquals(EventIntake.NO_PATIENT_DIRECTORY, n.getLastAnswer());
        });
        assertEquals(2, rows().size());
        directory.emrInstalled = true;
        intake.accept("ev-4", AppointmentBooked.TYPE, json(booked("APT-4", "MRN-UNKNOWN", "2026-12-09T11:00:00Z")));
        List<NotificationEntity> unknown = rows().stream().filter(n -> "ev-4".equals(n.getEventId())).toList();
        assertEquals(2, unknown.size());
        unknown.forEach(n -> assertEquals(EventIntake.NO_ADDRESS, n.getLastAnswer()));
    }

    @Test
    public void anErasedPatientsRedactionMarkerQueuesNothing() throws Exception {
        JsonNode marker = JSON.readTree("{\"redacted\": true, \"reason\": \"GDPR erasure\","
                + " \"redactedAt\": \"2026-12-05T07:00:00Z\"}");
        assertEquals(0, intake.accept("ev-5", AppointmentBooked.TYPE, marker));
        assertEquals(0, intake.accept("ev-6", LabResultReleased.TYPE, marker));
        assertEquals(0, rows().size());
        assertEquals("the EMR is not even asked", 0, directory.patientReads);
    }

    @Test
    public void aMissingTemplateIsLoggedAndAnUninstalledChannelSkipsItsRuleUntilItIsInstalled() {
        renderer.missing.add("invoice-issued");
        rules.add("appointment-booked-whatsapp", "AppointmentBooked", "PATIENT", "WHATSAPP", "appointment-booked",
                false, false, null);
        JsonNode event = json(booked("APT-5", "MRN-1001", "2026-12-10T10:00:00Z"));

        assertEquals("e-mail and SMS only", 2, intake.accept("ev-7", AppointmentBooked.TYPE, event));

        NotificationChannel whatsapp = new NotificationChannel() {
            public String name() {
                return "WHATSAPP";
            }

            public AddressKind addressKind() {
                return AddressKind.PHONE;
            }

            public List<SendOutcome> send(List<OutgoingMessage> messages) {
                throw new UnsupportedOperationException();
            }
        };
        intake.addChannel(whatsapp, Map.of(NotificationChannel.CHANNEL_PROPERTY, "WHATSAPP"));
        assertEquals("redelivered once the vendor channel is there: only its message is new", 1,
                intake.accept("ev-7", AppointmentBooked.TYPE, event));
        assertEquals("+33611111111", byChannel(rows()).get("WHATSAPP").getAddress());

        org.pavilion.billing.api.InvoiceIssued invoice = new org.pavilion.billing.api.InvoiceIssued();
        invoice.invoiceId = "INV-1";
        invoice.patientId = "MRN-1001";
        invoice.kind = "FINAL";
        assertEquals(1, intake.accept("ev-8", org.pavilion.billing.api.InvoiceIssued.TYPE, json(invoice)));
        NotificationEntity n = rows().stream().filter(r -> "ev-8".equals(r.getEventId())).findFirst().orElseThrow();
        assertEquals("SUPPRESSED", n.getStatus());
        assertEquals(EventIntake.NO_TEMPLATE, n.getLastAnswer());
        assertEquals("invoice:INV-1", n.getSubjectRef());
    }

    private static Map<String, NotificationEntity> byChannel(List<NotificationEntity> rows) {
        Map<String, NotificationEntity> m = new java.util.HashMap<>();
        rows.forEach(n -> m.put(n.getChannel(), n));
        return m;
    }
}
