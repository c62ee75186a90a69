package org.pavilion.notifications.internal.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.internal.queue.ChannelRegistry;
import org.pavilion.notifications.internal.queue.Dispatcher;
import org.pavilion.notifications.internal.queue.FakeChannel;
import org.pavilion.notifications.internal.queue.NewNotification;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.queue.Secrets;
import org.pavilion.notifications.internal.queue.Ward;

/**
 * Reception reads the delivery log after a morning of confirmations: Mrs Durand's SMS bounced off a wrong number, a
 * nurse's password reset failed, Mr Petit was booked the next day; the receptionist sends the SMS again.
 */
public class DeliveryLogTest {

    private static final Caller RECEPTION = Caller.inContainer("reception.anna",
            Set.of(DeliveryResource.VIEW, DeliveryResource.RETRY), "10.1.2.3");

    private Ward ward;
    private RecordingAudit audit;
    private ChannelRegistry channels;
    private FakeChannel email;
    private FakeChannel sms;
    private Dispatcher dispatcher;
    private DeliveryResource deliveries;
    private ChannelResource channelList;
    private NewNotification durandEmail;
    private NewNotification durandSms;
    private NewNotification petitEmail;
    private NewNotification reset;

    @Before
    public void morning() throws Exception {
        ward = new Ward();
        audit = new RecordingAudit();
        email = new FakeChannel("EMAIL").answering(SendOutcome.sent("m-1", "250 OK"),
                SendOutcome.failed("550 mailbox disabled"));
        sms = new FakeChannel("SMS").answering(SendOutcome.failed("400 invalid number"));
        channels = new ChannelRegistry().with(email).with(sms);
        dispatcher = ward.dispatcher(channels, Ward.settings());
        DeliveryLog log = new DeliveryLog(ward.db.emf, audit, channels, ward.notificationClock, Ward.PARIS);
        deliveries = new DeliveryResource(log);
        channelList = new ChannelResource(log);

        durandEmail = Ward.booked("A-1", "MRN-DURAND", "EMAIL");
        ward.enqueue(durandEmail);
        ward.clock.advance(Duration.ofMinutes(1));
        reset = Ward.passwordReset("nurse.ines");
        ward.enqueue(reset);
        ward.clock.advance(Duration.ofMinutes(1));
        durandSms = Ward.booked("A-1", "MRN-DURAND", "SMS");
        ward.enqueue(durandSms);
        dispatcher.dispatch();

        ward.clock.advance(Duration.ofDays(1));
        petitEmail = Ward.booked("A-2", "MRN-PETIT", "EMAIL");
        ward.enqueue(petitEmail);
        ward.enqueue(Ward.booked("A-3", "MRN-PETIT", "WHATSAPP"));
    }

    @After
    public void evening() throws Exception {
        dispatcher.close();
        ward.close();
    }

    private Page<DeliveryViews.Delivery> search(String patientId, String status, String channel, String recipient,
            String from, String to) {
        return deliveries.search(patientId, status, channel, null, recipient, from, to, 0, 50);
    }

    private String id(NewNotification n) {
        return ward.row(n.dedupKey()).getId();
    }

    @Test
    public void aPatientsMessagesNewestFirstAndTheReadIsAudited() {
        Page<DeliveryViews.Delivery> page = search("MRN-DURAND", null, null, null, null, null);
        assertEquals(2, page.getTotal());
        assertEquals(List.of("SMS", "EMAIL"), page.getItems().stream().map(DeliveryViews.Delivery::channel).toList());
        assertEquals(NotificationQueue.FAILED, page.getItems().get(0).status());
        assertEquals("400 invalid number", page.getItems().get(0).lastAnswer());

        List<AuditEvent> reads = audit.with("READ");
        assertEquals(1, reads.size());
        assertEquals("MRN-DURAND", reads.get(0).patientId());
        assertEquals("notification", reads.get(0).resourceType());
    }

    @Test
    public void searchByStatusChannelRecipientAndDates() {
        assertEquals(Set.of(id(reset), id(durandSms)), Set.copyOf(search(null, "failed", null, null, null, null)
                .getItems().stream().map(DeliveryViews.Delivery::id).toList()));
        assertEquals(1, search(null, null, "sms", null, null, null).getTotal());
        assertEquals("by address", 1, search(null, null, null, "+33612345678", null, null).getTotal());
        assertEquals("by reference", 2, search(null, null, null, "MRN-PETIT", null, null).getTotal());
        assertEquals("the Monday only", 3, search(null, null, null, null, "2026-12-07", "2026-12-07").getTotal());
        assertEquals("from Tuesday", 2, search(null, null, null, null, "2026-12-08", null).getTotal());
        assertEquals(0, search(null, null, null, null, null, "2026-12-06").getTotal());
        assertTrue("no patient shown, nothing to audit", audit.with("READ").stream()
                .allMatch(e -> e.patientId() != null));
        try {
            search(null, "LOST", null, null, null, null);
            fail("an unknown status was accepted");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
        try {
            search(null, null, null, null, "07/12/2026", null);
            fail("a date that is not ISO was accepted");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void aFailedSmsIsSentAgainByTheReceptionist() throws Exception {
        String smsId = id(durandSms);
        DeliveryViews.Delivery requeued = CallerContext.runAs(RECEPTION, () -> deliveries.retry(smsId));
        assertEquals(NotificationQueue.QUEUED, requeued.status());
        assertEquals(0, requeued.attemptCount());
        assertEquals(ward.clock.instant().toString(), requeued.nextAttemptAt());
        DeliveryViews.Attempt last = requeued.attempts().get(requeued.attempts().size() - 1);
        assertEquals("REQUEUED", last.outcome());
        assertEquals("reception.anna", last.actor());

        List<AuditEvent> updates = audit.with("UPDATE");
        assertEquals(1, updates.size());
        assertEquals(smsId, updates.get(0).resourceId());
        assertEquals("MRN-DURAND", updates.get(0).patientId());

        ward.clock.advance(Duration.ofSeconds(5));
        assertEquals("the SMS again, and Mr Petit's e-mail", 2, dispatcher.dispatch());
        DeliveryViews.Delivery sent = deliveries.get(smsId);
        assertEquals(NotificationQueue.SENT, sent.status());
        assertEquals(List.of("FAILED", "REQUEUED", "SENT"), sent.attempts().stream()
                .map(DeliveryViews.Attempt::outcome).toList());
    }

    @Test
    public void onlyFailedBouncedOrCancelledMessagesCanBeSentAgain() throws Exception {
        String emailId = id(durandEmail);
        assertRefused(409, () -> deliveries.retry(emailId));
        assertRefused(404, () -> deliveries.retry("no-such-delivery"));
        assertRefused(409, () -> deliveries.retry(id(reset))); // failed, and its link is not kept
        assertEquals(NotificationQueue.SENT, ward.row(durandEmail.dedupKey()).getStatus());
        assertTrue(audit.with("UPDATE").isEmpty());
    }

    @Test
    public void aPasswordResetIsNeverShown() {
        DeliveryViews.Delivery shown = deliveries.get(id(reset));
        assertEquals(Secrets.NOT_KEPT, shown.body());
        assertEquals(NotificationQueue.FAILED, shown.status());
        assertNull(ward.row(reset.dedupKey()).getBody());
        assertFalse("a staff message is not a patient's: no READ", audit.with("READ").stream()
                .anyMatch(e -> id(reset).equals(e.resourceId())));
    }

    @Test
    public void theChannelsWithTheirQueues() {
        Map<String, DeliveryViews.Channel> byName = new java.util.TreeMap<>();
        channelList.channels().forEach(c -> byName.put(c.name(), c));
        assertEquals(Set.of("EMAIL", "SMS", "WHATSAPP"), byName.keySet());
        assertEquals(Map.of("SENT", 1L, "FAILED", 1L, "QUEUED", 1L), byName.get("EMAIL").counts());
        assertEquals(Map.of("FAILED", 1L), byName.get("SMS").counts());
        assertTrue(byName.get("EMAIL").installed());
        assertFalse(byName.get("WHATSAPP").installed());
        assertEquals(Map.of("QUEUED", 1L), byName.get("WHATSAPP").counts());
    }

    private static void assertRefused(int status, Runnable call) throws Exception {
        try {
            CallerContext.runAs(RECEPTION, () -> {
                call.run();
                return null;
            });
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(status, e.status());
        }
    }
}
