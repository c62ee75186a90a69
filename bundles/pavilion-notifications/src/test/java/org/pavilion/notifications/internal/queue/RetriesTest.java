package org.pavilion.notifications.internal.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.notifications.api.SendOutcome;

/** What the dispatcher does with a channel's RETRY and FAILED answers, on the test's clock. */
public class RetriesTest {

    private Ward ward;
    private Dispatcher dispatcher;

    @Before
    public void open() throws Exception {
        ward = new Ward();
    }

    @After
    public void close() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        ward.close();
    }

    private NewNotification queued() {
        NewNotification n = Ward.booked("A-200", "MRN-20", "EMAIL");
        ward.enqueue(n);
        return n;
    }

    @Test
    public void anSmtpServerDownTwiceThenUpSendsOnceAfterTheBackOff() {
        NewNotification n = queued();
        FakeChannel email = new FakeChannel("EMAIL").answering(SendOutcome.retry("421 service not available"),
                SendOutcome.retry("connect timed out"));
        dispatcher = ward.dispatcher(new ChannelRegistry().with(email), Ward.settings());
        long start = ward.clock.millis();

        assertEquals(1, dispatcher.dispatch());
        NotificationEntity first = ward.row(n.dedupKey());
        assertEquals(NotificationQueue.QUEUED, first.getStatus());
        assertEquals(1, first.getAttempts());
        assertEquals(start + 30_000, first.getNextAttemptMs());
        assertEquals("421 service not available", first.getLastAnswer());

        ward.clock.advance(Duration.ofSeconds(29));
        assertEquals("not before the back-off", 0, dispatcher.dispatch());
        ward.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, dispatcher.dispatch());
        NotificationEntity second = ward.row(n.dedupKey());
        assertEquals(2, second.getAttempts());
        assertEquals(ward.clock.millis() + 60_000, second.getNextAttemptMs());

        ward.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, dispatcher.dispatch());
        ward.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, dispatcher.dispatch());

        NotificationEntity sent = ward.row(n.dedupKey());
        assertEquals(NotificationQueue.SENT, sent.getStatus());
        assertEquals(3, sent.getAttempts());
        assertEquals(Long.valueOf(ward.clock.millis()), sent.getSentMs());
        assertEquals("email-1", sent.getProviderMessageId());
        assertNull(sent.getClaimedBy());
        List<AttemptEntity> log = ward.attempts(sent.getId());
        assertEquals(List.of("RETRY", "RETRY", "SENT"), log.stream().map(AttemptEntity::getOutcome).toList());
        assertEquals(List.of(1, 2, 3), log.stream().map(AttemptEntity::getAttemptNo).toList());
        assertEquals(3, email.timesSent(sent.getId()));
    }

    @Test
    public void aRefusedAddressFailsAtOnceAndIsNeverTriedAgain() {
        NewNotification n = queued();
        FakeChannel email = new FakeChannel("EMAIL").answering(SendOutcome.failed("550 5.1.1 no such user"));
        dispatcher = ward.dispatcher(new ChannelRegistry().with(email), Ward.settings());
        assertEquals(1, dispatcher.dispatch());
        ward.clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher.dispatch());
        NotificationEntity failed = ward.row(n.dedupKey());
        assertEquals(NotificationQueue.FAILED, failed.getStatus());
        assertEquals("550 5.1.1 no such user", failed.getLastAnswer());
        assertEquals(1, ward.attempts(failed.getId()).size());
    }

    @Test
    public void afterMaxAttemptsTheMessageFails() {
        NewNotification n = queued();
        FakeChannel email = new FakeChannel("EMAIL").answering(SendOutcome.retry("451 try later"),
                SendOutcome.retry("451 try later"), SendOutcome.retry("451 try later"));
        dispatcher = ward.dispatcher(new ChannelRegistry().with(email),
                new QueueSettings(1000, 50, 2, 3, new Backoff(30_000, 40_000), 300_000, 365));
        for (int i = 0; i < 3; i++) {
            assertEquals(1, dispatcher.dispatch());
            NotificationEntity row = ward.row(n.dedupKey());
            if (i == 1) {
                assertEquals("capped at backoffMaxMs", ward.clock.millis() + 40_000, row.getNextAttemptMs());
            }
            ward.clock.advance(Duration.ofHours(1));
        }
        assertEquals(0, dispatcher.dispatch());
        NotificationEntity failed = ward.row(n.dedupKey());
        assertEquals(NotificationQueue.FAILED, failed.getStatus());
        assertEquals(3, failed.getAttempts());
        assertTrue(failed.getLastAnswer(), failed.getLastAnswer().startsWith("gave up after 3 attempts"));
        assertEquals(3, ward.attempts(failed.getId()).size());
    }

    @Test
    public void aChannelThatThrowsPutsTheWholeBatchBackForRetry() {
        ward.enqueue(Ward.booked("A-201", "MRN-21", "EMAIL"));
        ward.enqueue(Ward.booked("A-202", "MRN-22", "EMAIL"));
        FakeChannel email = new FakeChannel("EMAIL");
        email.failure = new IllegalStateException("SMTP connection reset");
        dispatcher = ward.dispatcher(new ChannelRegistry().with(email), Ward.settings());
        assertEquals(2, dispatcher.dispatch());
        assertEquals(2, ward.count(NotificationQueue.QUEUED));
        NotificationEntity row = ward.row(Ward.booked("A-201", "MRN-21", "EMAIL").dedupKey());
        assertEquals(1, row.getAttempts());
        assertTrue(row.getLastAnswer(), row.getLastAnswer().contains("SMTP connection reset"));

        email.failure = null;
        ward.clock.advance(Duration.ofSeconds(30));
        assertEquals(2, dispatcher.dispatch());
        assertEquals(2, ward.count(NotificationQueue.SENT));
    }

    @Test
    public void aPasswordResetThatFailsKeepsNoLink() {
        NewNotification reset = Ward.passwordReset("nurse.ines");
        ward.enqueue(reset);
        FakeChannel email = new FakeChannel("EMAIL").answering(SendOutcome.failed("550 mailbox disabled"));
        dispatcher = ward.dispatcher(new ChannelRegistry().with(email), Ward.settings());
        dispatcher.dispatch();
        assertNull(ward.row(reset.dedupKey()).getBody());
    }
}
