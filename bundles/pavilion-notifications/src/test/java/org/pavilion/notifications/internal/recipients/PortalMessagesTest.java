package org.pavilion.notifications.internal.recipients;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA_PORTAL;
import static org.pavilion.notifications.internal.recipients.Hospital.BEN;
import static org.pavilion.notifications.internal.recipients.Hospital.BEN_PORTAL;
import static org.pavilion.notifications.internal.recipients.Hospital.as;
import static org.pavilion.notifications.internal.recipients.Hospital.message;
import static org.pavilion.notifications.internal.recipients.Hospital.status;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * Ana's portal shows the messages sent to her: the booking confirmation by e-mail, the reminder by SMS, the one held
 * back by her opt-out. Not Dr Grey's notice about her result (the doctor's message), never Ben's.
 */
public class PortalMessagesTest {

    private NotificationsDatabase db;
    private RecordingAudit audit;
    private PortalResource portal;
    private String booked;
    private String reminder;
    private String suppressed;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        audit = new RecordingAudit();
        Preferences preferences = new Preferences(db.emf, audit, Directory.of(db.emf, null), Hospital.CLOCK);
        portal = new PortalResource(preferences, new OwnMessages(db.emf, audit));
        long day = Hospital.MORNING.toEpochMilli();
        booked = message(db, ANA, "PATIENT", ANA, "AppointmentBooked", "EMAIL", "SENT", "ana@example.org",
                "Your appointment on Monday", day - 86_400_000L);
        reminder = message(db, ANA, "PATIENT", ANA, "AppointmentReminder", "SMS", "QUEUED", "+41791110001", null,
                day - 3_600_000L);
        suppressed = message(db, ANA, "PATIENT", ANA, "InvoiceIssued", "SMS", "SUPPRESSED", null, null, day);
        message(db, ANA, "STAFF", "dr.grey", "LabResultReleased", "EMAIL", "SENT", "grey@hospital.example",
                "Result for Ana: potassium", day - 60_000L);
        message(db, BEN, "PATIENT", BEN, "AppointmentBooked", "EMAIL", "SENT", "ben@example.org",
                "Your appointment on Tuesday", day - 120_000L);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void anaSeesHerOwnMessagesNewestFirstAndNothingElse() throws Exception {
        Page<OwnMessages.Message> own = as(ANA_PORTAL, () -> portal.messages(0, 20));

        assertEquals(3, own.getTotal());
        assertEquals(List.of(suppressed, reminder, booked), own.getItems().stream().map(m -> m.id).toList());
        OwnMessages.Message first = own.getItems().get(2);
        assertEquals("EMAIL", first.channel);
        assertEquals("AppointmentBooked", first.eventType);
        assertEquals("Your appointment on Monday", first.subject);
        assertEquals("SENT", first.status);
        assertEquals("2026-12-06T08:00:00Z", first.createdAt);
        assertEquals("2026-12-06T08:00:01Z", first.sentAt);
        assertNull(own.getItems().get(1).sentAt);
        assertEquals("SUPPRESSED", own.getItems().get(0).status);

        AuditEvent read = audit.with("READ", "notification", AuditOutcome.SUCCESS).get(0);
        assertEquals(ANA, read.patientId());
    }

    @Test
    public void pagesAndBensOwn() throws Exception {
        Page<OwnMessages.Message> second = as(ANA_PORTAL, () -> portal.messages(1, 2));
        assertEquals(3, second.getTotal());
        assertEquals(List.of(booked), second.getItems().stream().map(m -> m.id).toList());

        Page<OwnMessages.Message> bens = as(BEN_PORTAL, () -> portal.messages(0, 20));
        assertEquals(1, bens.getTotal());
        assertEquals("Your appointment on Tuesday", bens.getItems().get(0).subject);
        assertEquals(BEN, audit.with("READ", "notification", AuditOutcome.SUCCESS).get(1).patientId());

        assertEquals(400, status(() -> as(ANA_PORTAL, () -> portal.messages(-1, 20))));
        assertEquals(400, status(() -> as(ANA_PORTAL, () -> portal.messages(0, 0))));
    }
}
