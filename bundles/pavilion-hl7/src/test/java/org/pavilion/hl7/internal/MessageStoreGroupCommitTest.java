package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The inbound store under a busy morning's load: several registration systems' connections storing and completing
 * messages at once share commits, a message delivered twice at the same moment is stored once, and one bad
 * operation fails only its own sender.
 */
public class MessageStoreGroupCommitTest {

    private InboundDatabase db;
    private MessageStore store;
    private final ExecutorService connections = Executors.newFixedThreadPool(8);

    @Before
    public void open() throws Exception {
        db = new InboundDatabase();
        store = new MessageStore(db);
    }

    @After
    public void close() {
        connections.shutdownNow();
        store.close();
    }

    static StoredMessage adt(String sender, String controlId) {
        StoredMessage m = new StoredMessage();
        m.listener = "default";
        m.remoteAddress = "10.1.2.3:40000";
        m.sender = sender;
        m.controlId = controlId;
        m.messageType = "ADT^A04";
        m.version = "2.5.1";
        m.charset = "UTF-8";
        m.rawText = "MSH|^~\\&|" + sender + "|||20240601||ADT^A04|" + controlId + "|P|2.5.1\r";
        m.sizeBytes = m.rawText.length();
        m.receivedMs = System.currentTimeMillis();
        return m;
    }

    @Test
    public void eightConnectionsStoringAndCompletingAtOnceShareCommitsAndLoseNothing() throws Exception {
        List<Future<String>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int conn = c;
            for (int i = 0; i < 250; i++) {
                int n = i;
                done.add(connections.submit(() -> {
                    MessageStore.Receipt r = store.receive(adt("REGSYS|WARD" + conn, "C" + n));
                    assertFalse(r.duplicate());
                    // committed when receive returns: another connection sees the row
                    assertEquals(MessageStore.RECEIVED, store.current(r.id()).status());
                    store.complete(r.id(), MessageStore.PROCESSED, "AA", "MSA|AA|C" + n, null, "CREATED", 1L, 1L);
                    return r.id();
                }));
            }
        }
        Set<String> ids = new HashSet<>();
        for (Future<String> f : done) {
            ids.add(f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(2000, ids.size());
        assertEquals(2000, store.count(MessageStore.PROCESSED, null, null, null));
        assertEquals(0, store.count(MessageStore.RECEIVED, null, null, null));
        long[] stats = store.commitStatistics();
        assertEquals("every operation committed", 4000, stats[1]);
        assertTrue("concurrent operations shared commits: " + stats[0] + " commits for 4000", stats[0] < 4000);
    }

    @Test
    public void twoCopiesOfAMessageInOneBatchAreStoredOnceAndTheSecondNamesTheFirst() throws Exception {
        db.holdNextConnection();
        Future<MessageStore.Receipt> warmUp = connections.submit(() -> store.receive(adt("LAB|GEN", "WARM-1")));
        db.awaitHeld(); // the committer waits for its connection; what is queued now goes in the next batch
        Future<MessageStore.Receipt> first = connections.submit(() -> store.receive(adt("REGSYS|GEN", "DUP-42")));
        Future<MessageStore.Receipt> second = connections.submit(() -> store.receive(adt("REGSYS|GEN", "DUP-42")));
        Future<MessageStore.Receipt> other = connections.submit(() -> store.receive(adt("REGSYS|GEN", "DUP-43")));
        awaitQueued(3);
        db.open();
        warmUp.get(10, TimeUnit.SECONDS);
        MessageStore.Receipt a = first.get(10, TimeUnit.SECONDS);
        MessageStore.Receipt b = second.get(10, TimeUnit.SECONDS);
        assertEquals("one of the two is new, the other its duplicate", 1, (a.duplicate() ? 1 : 0) + (b.duplicate() ? 1 : 0));
        assertEquals(a.id(), b.id());
        MessageStore.Receipt dup = a.duplicate() ? a : b;
        assertEquals(MessageStore.RECEIVED, dup.status());
        assertNull(dup.ackText());
        assertFalse(other.get(10, TimeUnit.SECONDS).duplicate());
        assertEquals(1, store.count(null, "REGSYS|GEN", null, "DUP-42"));
        assertEquals("warm-up batch, then one batch for the three", 2, store.commitStatistics()[0]);
    }

    @Test
    public void aCopyOfACompletedMessageGetsItsStoredAck() {
        MessageStore.Receipt r = store.receive(adt("REGSYS|GEN", "DONE-1"));
        store.complete(r.id(), MessageStore.PROCESSED, "AA", "MSH|...\rMSA|AA|DONE-1\r", null, "CREATED", 2L, 1L);
        MessageStore.Receipt again = store.receive(adt("REGSYS|GEN", "DONE-1"));
        assertTrue(again.duplicate());
        assertEquals(r.id(), again.id());
        assertEquals(MessageStore.PROCESSED, again.status());
        assertEquals("MSH|...\rMSA|AA|DONE-1\r", again.ackText());
        // the same control id from another sender is another message
        assertFalse(store.receive(adt("OTHER|GEN", "DONE-1")).duplicate());
    }

    @Test
    public void oneFailingOperationFailsOnlyItsOwnSender() throws Exception {
        db.holdNextConnection();
        Future<MessageStore.Receipt> warmUp = connections.submit(() -> store.receive(adt("LAB|GEN", "WARM-2")));
        db.awaitHeld();
        Future<MessageStore.Receipt> good = connections.submit(() -> store.receive(adt("REGSYS|GEN", "GOOD-1")));
        Future<Object> bad = connections.submit((Callable<Object>) () -> {
            store.complete("no-such-message", MessageStore.PROCESSED, "AA", "MSA|AA|X", null, null, 1L, 1L);
            return null;
        });
        awaitQueued(2);
        db.open();
        warmUp.get(10, TimeUnit.SECONDS);
        MessageStore.Receipt stored = good.get(10, TimeUnit.SECONDS);
        assertEquals(MessageStore.RECEIVED, store.current(stored.id()).status());
        try {
            bad.get(10, TimeUnit.SECONDS);
            fail("completing a message that is not stored must fail, so no ACK goes out");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof MessageStore.Hl7StoreException);
        }
    }

    @Test
    public void aClosedStoreRefusesSoNoAckIsSent() {
        store.close();
        try {
            store.receive(adt("REGSYS|GEN", "LATE-1"));
            fail("a closed store must not accept a message");
        } catch (MessageStore.Hl7StoreException expected) {
            assertNotEquals(null, expected.getMessage());
        }
    }

    @Test
    public void aFullQueueRefusesANewMessageAtOnceSoItIsNeitherStoredNorAcknowledged() throws Exception {
        store.maxPendingReceipts(2);
        Hl7Processor processor = new Hl7Processor(store, new Handlers());
        db.holdNextConnection();
        Future<MessageStore.Receipt> inCommit = connections.submit(() -> store.receive(adt("LAB|GEN", "Q-1")));
        db.awaitHeld(); // the committer holds Q-1 and waits for its connection
        Future<MessageStore.Receipt> waiting = connections.submit(() -> store.receive(adt("LAB|GEN", "Q-2")));
        awaitQueued(1);
        String third = "MSH|^~\\&|LAB|GEN|PAVILION|GEN|20240601||ORU^R01|Q-3|P|2.5.1\r";
        try {
            processor.receive("default", "127.0.0.1:40000", third.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new Hl7Processor.Settings(java.nio.charset.StandardCharsets.UTF_8, 1 << 20));
            fail("a third message waiting with a bound of two must be refused, so that no ACK is sent for it");
        } catch (MessageStore.StoreBusy expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("resend later"));
        }
        db.open();
        assertFalse(inCommit.get(10, TimeUnit.SECONDS).duplicate());
        assertFalse(waiting.get(10, TimeUnit.SECONDS).duplicate());
        assertEquals("the refused message was not stored", 0, store.count(null, "LAB|GEN", null, "Q-3"));
        // room again: the sender's resend is stored
        assertFalse(store.receive(adt("LAB|GEN", "Q-3")).duplicate());
        assertEquals(3, store.count(null, "LAB|GEN", null, null));
    }

    /** Waits (bounded) until the connection threads have queued {@code n} operations behind the held batch. */
    private void awaitQueued(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.queued() < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + store.queued() + " operations queued");
            }
            Thread.sleep(5);
        }
    }
}
