package org.pavilion.notifications.internal.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.ZonedDateTime;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Messages going into the queue during a day at the hospital, and what providers report later. */
public class QueueServiceTest {

    private Ward ward;

    @Before
    public void open() throws Exception {
        ward = new Ward();
    }

    @After
    public void close() throws Exception {
        ward.close();
    }

    @Test
    public void aConfirmationMadeAtHalfPastNineInTheEveningWaitsUntilEightButACriticalResultGoesAtOnce()
            throws Exception {
        ward.clock.set(ZonedDateTime.of(2026, 12, 7, 21, 30, 0, 0, Ward.PARIS).toInstant());
        NewNotification booked = Ward.booked("A-100", "MRN-1", "EMAIL");
        NewNotification critical = Ward.critical("O-7", "dr.martin");
        assertTrue(ward.enqueue(booked));
        assertTrue(ward.enqueue(critical));

        NotificationEntity held = ward.row(booked.dedupKey());
        assertEquals(NotificationQueue.QUEUED, held.getStatus());
        assertEquals(ZonedDateTime.of(2026, 12, 8, 8, 0, 0, 0, Ward.PARIS).toInstant().toEpochMilli(),
                held.getNextAttemptMs());
        assertEquals(ward.clock.millis(), ward.row(critical.dedupKey()).getNextAttemptMs());

        FakeChannel email = new FakeChannel("EMAIL");
        FakeChannel sms = new FakeChannel("SMS");
        Dispatcher dispatcher = ward.dispatcher(new ChannelRegistry().with(email).with(sms), Ward.settings());
        try {
            assertEquals(1, dispatcher.dispatch());
            assertEquals(1, sms.sent.size());
            assertTrue(email.sent.isEmpty());

            ward.clock.set(ZonedDateTime.of(2026, 12, 8, 7, 59, 0, 0, Ward.PARIS).toInstant());
            assertEquals(0, dispatcher.dispatch());
            ward.clock.set(ZonedDateTime.of(2026, 12, 8, 8, 0, 0, 0, Ward.PARIS).toInstant());
            assertEquals(1, dispatcher.dispatch());
            assertEquals(NotificationQueue.SENT, ward.row(booked.dedupKey()).getStatus());
        } finally {
            dispatcher.close();
        }
    }

    @Test
    public void theSameEventDeliveredTwiceQueuesItsMessageOnce() {
        NewNotification booked = Ward.booked("A-101", "MRN-2", "SMS");
        assertTrue(ward.enqueue(booked));
        assertFalse(ward.enqueue(booked));
        assertEquals(1, ward.count(NotificationQueue.QUEUED));
    }

    @Test
    public void aPatientWhoOptedOutIsLoggedSuppressedAndNeverSent() {
        NewNotification b = Ward.booked("A-102", "MRN-3", "SMS");
        NewNotification optedOut = new NewNotification(b.dedupKey(), b.eventType(), b.eventId(), b.ruleId(),
                b.subjectRef(), b.recipientKind(), b.recipientRef(), b.patientId(), b.channel(), b.address(),
                b.language(), b.subject(), b.body(), false, "OPTED_OUT");
        assertTrue(ward.enqueue(optedOut));
        NotificationEntity row = ward.row(b.dedupKey());
        assertEquals(NotificationQueue.SUPPRESSED, row.getStatus());
        assertEquals("OPTED_OUT", row.getLastAnswer());
        List<AttemptEntity> attempts = ward.attempts(row.getId());
        assertEquals(1, attempts.size());
        assertEquals(NotificationQueue.SUPPRESSED, attempts.get(0).getOutcome());
        assertEquals("OPTED_OUT", attempts.get(0).getAnswer());

        FakeChannel sms = new FakeChannel("SMS");
        Dispatcher dispatcher = ward.dispatcher(new ChannelRegistry().with(sms), Ward.settings());
        try {
            assertEquals(0, dispatcher.dispatch());
        } finally {
            dispatcher.close();
        }
        assertTrue(sms.sent.isEmpty());
    }

    @Test
    public void aCancelledAppointmentCancelsItsQueuedRemindersOnly() {
        NewNotification booked = Ward.booked("A-103", "MRN-4", "EMAIL");
        NewNotification reminder = reminder("A-103", "MRN-4", "EMAIL");
        NewNotification reminderSms = reminder("A-103", "MRN-4", "SMS");
        NewNotification otherReminder = reminder("A-104", "MRN-5", "EMAIL");
        for (NewNotification n : List.of(booked, reminder, reminderSms, otherReminder)) {
            ward.enqueue(n);
        }
        int cancelled = ward.db.jpa.call(em -> ward.queue.cancelQueued(em, "appointment:A-103",
                "AppointmentReminder", "appointment cancelled"));
        assertEquals(2, cancelled);
        assertEquals(NotificationQueue.CANCELLED, ward.row(reminder.dedupKey()).getStatus());
        assertEquals(NotificationQueue.CANCELLED, ward.row(reminderSms.dedupKey()).getStatus());
        assertEquals("appointment cancelled", ward.row(reminder.dedupKey()).getLastAnswer());
        assertEquals(NotificationQueue.QUEUED, ward.row(booked.dedupKey()).getStatus());
        assertEquals(NotificationQueue.QUEUED, ward.row(otherReminder.dedupKey()).getStatus());
        List<AttemptEntity> log = ward.attempts(ward.row(reminder.dedupKey()).getId());
        assertEquals(NotificationQueue.CANCELLED, log.get(0).getOutcome());
    }

    @Test
    public void aBounceFoundByTheProvidersIdMarksTheMessageBounced() {
        NewNotification booked = Ward.booked("A-105", "MRN-6", "EMAIL");
        ward.enqueue(booked);
        FakeChannel email = new FakeChannel("EMAIL");
        Dispatcher dispatcher = ward.dispatcher(new ChannelRegistry().with(email), Ward.settings());
        try {
            dispatcher.dispatch();
        } finally {
            dispatcher.close();
        }
        NotificationEntity sent = ward.row(booked.dedupKey());
        assertEquals("email-1", sent.getProviderMessageId());

        assertTrue(ward.queue.report(null, "email-1", NotificationQueue.Report.BOUNCED, "550 5.1.1 user unknown"));
        NotificationEntity bounced = ward.row(booked.dedupKey());
        assertEquals(NotificationQueue.BOUNCED, bounced.getStatus());
        assertEquals("550 5.1.1 user unknown", bounced.getLastAnswer());
        List<AttemptEntity> log = ward.attempts(sent.getId());
        assertEquals(List.of("SENT", "BOUNCED"), log.stream().map(AttemptEntity::getOutcome).toList());

        assertTrue(ward.queue.report(sent.getId(), null, NotificationQueue.Report.DELIVERED, "delivered"));
        assertEquals(NotificationQueue.DELIVERED, ward.row(booked.dedupKey()).getStatus());
        assertFalse(ward.queue.report(null, "nobody-knows", NotificationQueue.Report.FAILED, "?"));
        assertFalse(ward.queue.report("no-such-id", null, NotificationQueue.Report.FAILED, "?"));
    }

    @Test
    public void aPasswordResetWithoutAnAddressKeepsNoLink() {
        NewNotification r = Ward.passwordReset("nurse.ines");
        NewNotification noAddress = new NewNotification(r.dedupKey(), r.eventType(), r.eventId(), r.ruleId(),
                r.subjectRef(), r.recipientKind(), r.recipientRef(), r.patientId(), r.channel(), null, r.language(),
                r.subject(), r.body(), true, "NO_ADDRESS");
        ward.enqueue(noAddress);
        NotificationEntity row = ward.row(r.dedupKey());
        assertEquals(NotificationQueue.SUPPRESSED, row.getStatus());
        assertNull(row.getBody());
    }

    static NewNotification reminder(String appointmentId, String mrn, String channel) {
        String rule = "appointment-reminder-" + channel.toLowerCase();
        return new NewNotification("reminder:R-" + appointmentId + "|" + rule + "|" + mrn + "|" + channel,
                "AppointmentReminder", "reminder:R-" + appointmentId, rule, "appointment:" + appointmentId, "PATIENT",
                mrn, mrn, channel, channel.equals("SMS") ? "+33611111111" : "p@example.org", "fr", null,
                "Rappel : rendez-vous demain", false, null);
    }
}
