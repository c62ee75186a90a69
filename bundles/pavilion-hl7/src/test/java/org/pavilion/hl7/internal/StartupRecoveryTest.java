package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;

/**
 * The container died after storing messages and before answering them. On the next start the hub processes them;
 * the registration system, which never got its ACK, sends them again at the same time; each is applied once and
 * every copy is answered with the one stored ACK.
 */
public class StartupRecoveryTest {

    private static final Hl7Processor.Settings SETTINGS = new Hl7Processor.Settings(StandardCharsets.UTF_8, 1 << 20);

    private InboundDatabase db;
    private MessageStore store;
    private final Registry emr = new Registry();
    private final Handlers handlers = new Handlers();
    private Hl7Processor processor;

    /** The department's side: registrations by identifier (its natural key), and how often each was applied. */
    static final class Registry implements Hl7Handler {
        final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

        @Override
        public Set<String> messageTypes() {
            return Set.of("ADT^A04");
        }

        @Override
        public String department() {
            return "EMR";
        }

        @Override
        public org.pavilion.hl7.api.Outcome handle(InboundMessage m, Completion completion) {
            completion.store();
            String pid3 = m.field("PID-3-1");
            applied.computeIfAbsent(pid3, k -> new AtomicInteger()).incrementAndGet();
            return org.pavilion.hl7.api.Outcome.accepted("A04 patient " + pid3 + " CREATED");
        }
    }

    @Before
    public void open() throws Exception {
        db = new InboundDatabase();
        store = new MessageStore(db);
        handlers.add(emr);
        processor = new Hl7Processor(store, handlers);
    }

    @After
    public void close() {
        store.close();
    }

    static String a04(String controlId, String patient) {
        return "MSH|^~\\&|REGSYS|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A04^ADT_A01|" + controlId
                + "|P|2.5.1\rEVN|A04|20240601080000\rPID|1||" + patient + "^^^GENHOSP^MR||Okafor^Adaeze||19750312|F\r";
    }

    /** What the previous run left: the message stored and committed, the container gone before processing it. */
    private String storedBeforeTheCrash(String controlId, String patient) {
        return storedBeforeTheCrash(store, controlId, patient);
    }

    /** An ADT^A04 stored as RECEIVED a minute ago on {@code store}; its id. */
    static String storedBeforeTheCrash(MessageStore store, String controlId, String patient) {
        StoredMessage m = new StoredMessage();
        m.listener = "default";
        m.remoteAddress = "10.1.2.3:40000";
        m.sender = "REGSYS|GENHOSP";
        m.controlId = controlId;
        m.messageType = "ADT^A04";
        m.version = "2.5.1";
        m.charset = "UTF-8";
        m.rawText = a04(controlId, patient);
        m.sizeBytes = m.rawText.length();
        m.receivedMs = System.currentTimeMillis() - 60_000;
        return store.receive(m).id();
    }

    private String resent(String controlId, String patient) {
        return new String(processor.receive("default", "10.1.2.3:40001", a04(controlId, patient)
                .getBytes(StandardCharsets.UTF_8), SETTINGS), StandardCharsets.UTF_8);
    }

    @Test
    public void aMessageLeftReceivedIsProcessedOnStartAndItsRetryGetsTheStoredAck() {
        String id = storedBeforeTheCrash("ADM-1001", "H5001");
        assertEquals(1, processor.recover(System.currentTimeMillis()));
        StoredMessage row = store.find(id);
        assertEquals(MessageStore.PROCESSED, row.status);
        assertEquals("AA", row.ackCode);
        assertEquals(1, emr.applied.get("H5001").get());

        String ack = resent("ADM-1001", "H5001");
        assertEquals(row.ackText, ack);
        assertTrue(ack, ack.contains("\rMSA|AA|ADM-1001"));
        assertEquals("the retry applied nothing again", 1, emr.applied.get("H5001").get());
        assertEquals("nothing left to recover", 0, processor.recover(System.currentTimeMillis()));
    }

    @Test
    public void messagesReceivedSinceThisStartAreLeftToTheirOwnConnection() {
        String id = storedBeforeTheCrash("ADM-1101", "H5101");
        assertEquals(0, processor.recover(System.currentTimeMillis() - 120_000));
        assertEquals(MessageStore.RECEIVED, store.find(id).status);
    }

    @Test
    public void adtWaitsForTheEmrRatherThanBeingRejectedForGood() {
        handlers.remove(emr);
        String id = storedBeforeTheCrash("ADM-1201", "H5201");
        assertEquals(0, processor.recover(System.currentTimeMillis()));
        assertEquals(MessageStore.RECEIVED, store.find(id).status);
        handlers.add(emr); // the EMR's handler comes: the hub runs recovery again
        assertEquals(1, processor.recover(System.currentTimeMillis()));
        assertEquals(MessageStore.PROCESSED, store.find(id).status);
    }

    @Test
    public void recoveryAndTheSendersRetriesAtTheSameTimeApplyEachMessageOnce() throws Exception {
        int n = 100;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(storedBeforeTheCrash(String.format("ADM-2%03d", i), String.format("H6%03d", i)));
        }
        long started = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        Future<Integer> recovery = pool.submit(() -> processor.recover(started));
        List<Future<String>> retries = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int conn = c;
            retries.add(pool.submit(() -> {
                StringBuilder acks = new StringBuilder();
                for (int i = conn; i < n; i += 4) {
                    acks.append(resent(String.format("ADM-2%03d", i), String.format("H6%03d", i))).append('\n');
                }
                return acks.toString();
            }));
        }
        int recovered = recovery.get(120, TimeUnit.SECONDS);
        for (Future<String> f : retries) {
            String acks = f.get(120, TimeUnit.SECONDS);
            assertEquals(acks, n / 4, acks.split("\rMSA\\|AA\\|", -1).length - 1);
        }
        pool.shutdown();
        assertEquals(n, emr.applied.size());
        emr.applied.forEach((pid, count) -> assertEquals(pid, 1, count.get()));
        for (String id : ids) {
            StoredMessage row = store.find(id);
            assertEquals(MessageStore.PROCESSED, row.status);
            assertEquals("processed once, by recovery or by the retry", 1, row.attempts);
        }
        assertTrue("recovery did its share: " + recovered, recovered <= n);
        assertEquals(n, store.count(MessageStore.PROCESSED, null, null, null));
    }
}
