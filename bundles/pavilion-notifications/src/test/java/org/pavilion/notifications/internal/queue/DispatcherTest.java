package org.pavilion.notifications.internal.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.notifications.api.OutgoingMessage;

/** The dispatcher sending the day's messages: two containers, full batches, dead claims, missing channels. */
public class DispatcherTest {

    private Ward ward;
    private final List<Dispatcher> dispatchers = new ArrayList<>();

    @Before
    public void open() throws Exception {
        ward = new Ward();
    }

    @After
    public void close() throws Exception {
        dispatchers.forEach(Dispatcher::close);
        ward.close();
    }

    private Dispatcher dispatcher(QueueSettings settings, FakeChannel... channels) {
        ChannelRegistry registry = new ChannelRegistry();
        for (FakeChannel c : channels) {
            registry.with(c);
        }
        Dispatcher d = ward.dispatcher(registry, settings);
        dispatchers.add(d);
        return d;
    }

    private List<String> queueConfirmations(int count, String channel) {
        List<String> keys = new ArrayList<>();
        ward.db.jpa.run(em -> {
            for (int i = 0; i < count; i++) {
                NewNotification n = Ward.booked("A-" + i, "MRN-" + i, channel);
                ward.queue.enqueue(em, n);
                keys.add(n.dedupKey());
            }
        });
        return keys;
    }

    @Test
    public void twoContainersOnOneDatabaseSendEachMessageExactlyOnce() throws Exception {
        queueConfirmations(300, "EMAIL");
        QueueSettings small = new QueueSettings(1000, 20, 2, 8, new Backoff(30_000, 3_600_000), 300_000, 365);
        FakeChannel first = new FakeChannel("EMAIL");
        FakeChannel second = new FakeChannel("EMAIL");
        first.millisPerBatch = 5;
        second.millisPerBatch = 5;
        Dispatcher a = dispatcher(small, first);
        Dispatcher b = dispatcher(small, second);

        ExecutorService containers = Executors.newFixedThreadPool(2);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ward.count(NotificationQueue.SENT) < 300) {
                if (System.nanoTime() > deadline) {
                    fail("only " + ward.count(NotificationQueue.SENT) + " of 300 sent before the deadline");
                }
                Future<Integer> fa = containers.submit(a::dispatch);
                Future<Integer> fb = containers.submit(b::dispatch);
                fa.get();
                fb.get();
            }
        } finally {
            containers.shutdownNow();
        }
        List<OutgoingMessage> all = new ArrayList<>(first.sent);
        all.addAll(second.sent);
        Set<String> distinct = new HashSet<>();
        all.forEach(m -> distinct.add(m.notificationId()));
        assertEquals("every message handed to a channel once", 300, all.size());
        assertEquals(300, distinct.size());
        assertTrue("both containers took a share", !first.sent.isEmpty() && !second.sent.isEmpty());
        long attempts = ward.db.jpa.call(em -> em.createQuery("select count(a) from AttemptEntity a", Long.class)
                .getSingleResult());
        assertEquals(300, attempts);
    }

    @Test
    public void aPassKeepsGoingWhileItFindsFullBatches() {
        queueConfirmations(120, "SMS");
        FakeChannel sms = new FakeChannel("SMS");
        Dispatcher d = dispatcher(new QueueSettings(1000, 50, 1, 8, new Backoff(30_000, 3_600_000), 300_000, 365), sms);
        assertEquals(120, d.dispatch());
        assertEquals(120, ward.count(NotificationQueue.SENT));
        assertEquals(0, d.dispatch());
    }

    @Test
    public void aClaimOfADeadContainerIsTakenOverOnceItExpires() throws Exception {
        String key = queueConfirmations(1, "EMAIL").get(0);
        long now = ward.clock.millis();
        // a container claimed it and died before reporting
        ward.sql("update nt_notification set status = 'SENDING', claimed_by = 'dead-container', claim_until_ms = ?,"
                + " version = version + 1 where dedup_key = ?", now + 300_000, key);
        FakeChannel email = new FakeChannel("EMAIL");
        Dispatcher d = dispatcher(Ward.settings(), email);
        assertEquals(0, d.dispatch());
        assertEquals(NotificationQueue.SENDING, ward.row(key).getStatus());

        ward.clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertEquals(1, d.dispatch());
        NotificationEntity row = ward.row(key);
        assertEquals(NotificationQueue.SENT, row.getStatus());
        assertNull(row.getClaimedBy());
        assertEquals(1, email.timesSent(row.getId()));
    }

    @Test
    public void messagesOfAChannelThatIsNotInstalledWaitAndGoWhenItIs() {
        NewNotification whatsapp = Ward.booked("A-1", "MRN-1", "WHATSAPP");
        ward.enqueue(whatsapp);
        FakeChannel email = new FakeChannel("EMAIL");
        ChannelRegistry registry = new ChannelRegistry().with(email);
        Dispatcher d = ward.dispatcher(registry, Ward.settings());
        dispatchers.add(d);
        assertEquals(0, d.dispatch());
        NotificationEntity waiting = ward.row(whatsapp.dedupKey());
        assertEquals(NotificationQueue.QUEUED, waiting.getStatus());
        assertEquals("channel WHATSAPP is not installed", waiting.getLastAnswer());
        int version = waiting.getVersion();
        d.dispatch();
        assertEquals("noted once", version, ward.row(whatsapp.dedupKey()).getVersion());

        FakeChannel vendor = new FakeChannel("WHATSAPP");
        registry.with(vendor);
        assertEquals(1, d.dispatch());
        assertEquals(NotificationQueue.SENT, ward.row(whatsapp.dedupKey()).getStatus());
        assertEquals(1, vendor.sent.size());
    }

    @Test
    public void aPasswordResetLinkIsNotKeptOnceSent() {
        NewNotification reset = Ward.passwordReset("dr.martin");
        ward.enqueue(reset);
        assertTrue(ward.row(reset.dedupKey()).getBody().contains("s3cr3t-t0ken"));
        FakeChannel email = new FakeChannel("EMAIL");
        dispatcher(Ward.settings(), email).dispatch();
        assertTrue("the channel got the link", email.sent.get(0).body().contains("s3cr3t-t0ken"));
        NotificationEntity sent = ward.row(reset.dedupKey());
        assertEquals(NotificationQueue.SENT, sent.getStatus());
        assertNull(sent.getBody());
    }

    @Test
    public void retentionEmptiesOldFinishedEntriesOnly() throws Exception {
        List<String> keys = queueConfirmations(3, "EMAIL");
        long old = ward.clock.millis() - Duration.ofDays(400).toMillis();
        ward.sql("update nt_notification set status = 'SENT', created_ms = ? where dedup_key = ?", old, keys.get(0));
        ward.sql("update nt_notification set created_ms = ? where dedup_key = ?", old, keys.get(1));
        ward.sql("update nt_notification set status = 'SENT' where dedup_key = ?", keys.get(2));

        assertEquals(1, new Retention(ward.db.emf, ward.notificationClock).purge(365));
        NotificationEntity purged = ward.row(keys.get(0));
        assertNull(purged.getAddress());
        assertNull(purged.getSubject());
        assertNull(purged.getBody());
        assertEquals(NotificationQueue.SENT, purged.getStatus());
        assertTrue("an old message still waiting keeps its text", ward.row(keys.get(1)).getBody() != null);
        assertTrue(ward.row(keys.get(2)).getAddress() != null);
    }

    @Test
    public void aSlowChannelNeverHoldsBackAnother() throws Exception {
        // A gateway taking its time over a long SMS backlog, while the e-mails of the next bookings arrive.
        queueConfirmations(100, "SMS");
        QueueSettings oneSender = new QueueSettings(1000, 20, 1, 8, new Backoff(30_000, 3_600_000), 300_000, 365);
        FakeChannel sms = new FakeChannel("SMS");
        sms.millisPerBatch = 1500;
        FakeChannel email = new FakeChannel("EMAIL");
        Dispatcher d = dispatcher(oneSender, sms, email);
        ward.db.jpa.run(em -> {
            for (int i = 0; i < 10; i++) {
                ward.queue.enqueue(em, Ward.booked("B-" + i, "MRN-B" + i, "EMAIL"));
            }
        });

        d.startDrains();
        awaitSent(email, 10);
        ward.db.jpa.run(em -> {
            for (int i = 0; i < 10; i++) {
                ward.queue.enqueue(em, Ward.booked("C-" + i, "MRN-C" + i, "EMAIL"));
            }
        });
        // the timer's next ticks (the e-mail worker may still be writing its last outcomes at the first of them),
        // while the SMS one is still at work
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (email.sent.size() < 20) {
            if (System.nanoTime() > deadline) {
                fail("EMAIL sent " + email.sent.size() + " of 20 in time");
            }
            d.startDrains();
            Thread.sleep(50);
        }
        assertTrue("the SMS backlog is still draining: " + sms.sent.size(), sms.sent.size() < 100);
        // let the SMS worker finish before the database closes under its transaction
        awaitSent(sms, 100, 30);
    }

    private static void awaitSent(FakeChannel channel, int count) throws InterruptedException {
        awaitSent(channel, count, 5);
    }

    private static void awaitSent(FakeChannel channel, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (channel.sent.size() < count) {
            if (System.nanoTime() > deadline) {
                fail(channel.name() + " sent " + channel.sent.size() + " of " + count + " in time");
            }
            Thread.sleep(20);
        }
    }
}
