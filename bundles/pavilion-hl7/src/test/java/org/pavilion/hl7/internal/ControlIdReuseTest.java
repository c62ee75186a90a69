package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;

/**
 * A control id is a sender's promise that the message is the same one: a redelivery (byte-identical, or identical
 * once its segment separators are normalised) is answered with the original ACK; another message under a used
 * control id is answered AE, parked and applied only when an integrator replays it. Runs on H2, or on the
 * PostgreSQL named by -Dpavilion.test.postgres.
 */
public class ControlIdReuseTest {

    private static final Hl7Processor.Settings SETTINGS = new Hl7Processor.Settings(StandardCharsets.UTF_8, 1 << 20);
    private static final String SENDER = "PUBFEED|SAMPLEHOSP";

    private ChangeLogDatabase db;
    private MessageStore store;
    private final Emr emr = new Emr();
    private final Handlers handlers = new Handlers();
    private Hl7Processor processor;
    private final ExecutorService feeds = Executors.newFixedThreadPool(2);

    /** The EMR's side: how often each (trigger, patient) was applied. */
    static final class Emr implements Hl7Handler {
        final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

        @Override
        public Set<String> messageTypes() {
            return Set.of("ADT^A01", "ADT^A02", "ADT^A04", "ADT^A05", "ADT^A11", "ADT^A13", "ADT^A31");
        }

        @Override
        public String department() {
            return "EMR";
        }

        @Override
        public org.pavilion.hl7.api.Outcome handle(InboundMessage m, Completion completion) {
            completion.store();
            String pid3 = m.field("PID-3-1");
            applied.computeIfAbsent(m.field("EVN-1") + " " + pid3, k -> new AtomicInteger()).incrementAndGet();
            return org.pavilion.hl7.api.Outcome.accepted(m.field("EVN-1") + " patient UPDATED MRN-" + pid3);
        }

        int total() {
            return applied.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @Before
    public void open() throws Exception {
        db = new ChangeLogDatabase("hl7_reuse", "db/hl7-changelog.xml");
        store = new MessageStore(db);
        handlers.add(emr);
        processor = new Hl7Processor(store, handlers);
    }

    @After
    public void close() throws Exception {
        feeds.shutdownNow();
        store.close();
        db.close();
    }

    static String adt(String trigger, String controlId, String patient, String family) {
        return "MSH|^~\\&|PUBFEED|SAMPLEHOSP|PAVILION|GENHOSP|20240601080000||ADT^" + trigger + "|" + controlId
                + "|P|2.5.1\rEVN|" + trigger + "|20240601080000\rPID|1||" + patient + "^^^SAMPLEHOSP^MR||" + family
                + "^Ada||19750312|F\r";
    }

    private String send(String text) {
        return new String(processor.receive("default", "127.0.0.1:40000", text.getBytes(StandardCharsets.UTF_8),
                SETTINGS), StandardCharsets.UTF_8);
    }

    static String msa1(String ack) {
        int at = ack.indexOf("\rMSA|");
        return ack.substring(at + 5, at + 7);
    }

    @Test
    public void oneSenderReusingMsg00001ForEveryEventParksEachLaterMessageWithAeAndLosesNone() {
        String[] triggers = {"A01", "A02", "A05", "A11", "A13", "A31"};
        List<String> acks = new ArrayList<>();
        for (String trigger : triggers) {
            acks.add(send(adt(trigger, "MSG00001", "P100", "Sample")));
        }
        assertEquals(acks.get(0), "AA", msa1(acks.get(0)));
        for (int i = 1; i < triggers.length; i++) {
            String ack = acks.get(i);
            assertEquals(triggers[i] + ": " + ack, "AE", msa1(ack));
            assertTrue(ack, ack.contains("control id reused with different content"));
            assertTrue("ERR at MSH-10 with code 205: " + ack, ack.contains("\rERR||MSH^1^10|205^"));
        }
        assertEquals("only the first was applied", 1, emr.total());
        assertEquals("all six stored", 6, store.count(null, SENDER, null, "MSG00001"));
        List<StoredMessage> parked = store.list(MessageStore.PARKED, SENDER, null, "MSG00001", 0, 10);
        assertEquals(5, parked.size());
        for (StoredMessage m : parked) {
            assertTrue(m.controlIdReused);
            assertEquals(MessageStore.CONTROL_ID_REUSED, m.error);
            assertEquals("AE", m.ackCode);
        }
        // Each redelivered as it was: a duplicate, answered with its own stored answer; nothing new stored.
        for (int i = 0; i < triggers.length; i++) {
            assertEquals(acks.get(i), send(adt(triggers[i], "MSG00001", "P100", "Sample")));
        }
        assertEquals(6, store.count(null, SENDER, null, "MSG00001"));
        assertEquals(1, emr.total());

        // An integrator gives the A02 a control id of its own and replays it: applied once.
        StoredMessage a02 = parked.stream().filter(m -> m.messageType.equals("ADT^A02")).findFirst().orElseThrow();
        assertFalse(store.controlIdInUse(SENDER, "MSG00001-A02"));
        String fixed = Hl7Text.withControlId(Hl7Text.normalise(store.find(a02.id).rawText), "MSG00001-A02");
        assertTrue(store.editRaw(a02.id, fixed, "integrator", System.currentTimeMillis()));
        assertTrue(processor.replay(a02.id));
        StoredMessage replayed = store.find(a02.id);
        assertEquals(MessageStore.PROCESSED, replayed.status);
        assertTrue(replayed.ackText, replayed.ackText.contains("\rMSA|AA|MSG00001-A02"));
        assertEquals(1, emr.applied.get("A02 P100").get());
        // The sender resending its original A02 still gets a duplicate's answer: nothing applied twice.
        send(adt("A02", "MSG00001", "P100", "Sample"));
        assertEquals(1, emr.applied.get("A02 P100").get());
        assertEquals(6, store.count(null, SENDER, null, "MSG00001"));
    }

    @Test
    public void aRedeliveryWithOtherLineEndingsIsADuplicateButAnyOtherByteIsAnotherMessage() {
        String cr = adt("A04", "LE-1", "P200", "Endings");
        String first = send(cr);
        assertEquals("AA", msa1(first));
        assertEquals(first, send(cr.replace("\r", "\r\n")));
        assertEquals(first, send(cr.replace("\r", "\n")));
        assertEquals(1, emr.applied.get("A04 P200").get());
        assertEquals(1, store.count(null, SENDER, null, "LE-1"));
        String changed = send(cr.replace("Endings^Ada", "Endings^Adb"));
        assertEquals(changed, "AE", msa1(changed));
        assertEquals(2, store.count(null, SENDER, null, "LE-1"));
        assertEquals(1, emr.total());
    }

    @Test
    public void aRowStoredBeforeContentHashesIsComparedByItsStoredText() throws Exception {
        String text = adt("A04", "OLD-1", "P300", "Legacy");
        String first = send(text);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE hl7_message SET content_hash = NULL")) {
            s.executeUpdate();
        }
        assertEquals(first, send(text));
        assertEquals("AE", msa1(send(adt("A04", "OLD-1", "P301", "Forged"))));
        assertEquals(1, emr.total());
    }

    @Test
    public void twoFeedsSendingTheSameMessageAtOnceStoreAndApplyItOnce() throws Exception {
        for (int n = 0; n < 20; n++) {
            String text = adt("A04", "SAME-" + n, "Q" + n, "Twice");
            List<String> acks = atOnce(text, text);
            assertEquals(acks.get(0), acks.get(1));
            assertEquals("AA", msa1(acks.get(0)));
            assertEquals(1, store.count(null, SENDER, null, "SAME-" + n));
            assertEquals(1, emr.applied.get("A04 Q" + n).get());
        }
    }

    @Test
    public void twoContentsUnderOneControlIdAtOnceStoreOneAppliedAndOneParked() throws Exception {
        for (int n = 0; n < 20; n++) {
            List<String> acks = atOnce(adt("A04", "RACE-" + n, "R" + n, "First"), adt("A04", "RACE-" + n, "S" + n,
                    "Second"));
            assertEquals(acks.toString(), Set.of("AA", "AE"), Set.of(msa1(acks.get(0)), msa1(acks.get(1))));
            assertEquals(1, store.count(MessageStore.PROCESSED, SENDER, null, "RACE-" + n));
            assertEquals(1, store.count(MessageStore.PARKED, SENDER, null, "RACE-" + n));
        }
        assertEquals(20, emr.total());
    }

    private List<String> atOnce(String a, String b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<String> one = feeds.submit(() -> {
            start.await();
            return send(a);
        });
        Future<String> two = feeds.submit(() -> {
            start.await();
            return send(b);
        });
        start.countDown();
        return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
    }
}
