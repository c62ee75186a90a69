package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.pavilion.hl7.api.Hl7Handler;

/**
 * A department that commits the hub's completion with its own write (the EMR directory does): one transaction
 * for the patient and the message's outcome, nothing of either when it fails, and accepted messages numbered in
 * commit order whichever transaction completed them.
 */
public class JoinedCompletionTest {

    private static final Hl7Processor.Settings SETTINGS = new Hl7Processor.Settings(StandardCharsets.UTF_8, 1 << 20);

    private InboundDatabase db;
    private MessageStore store;
    private Hl7Processor processor;
    /** PID-3 values whose department commit fails. */
    private final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Registers PID-3 in its own table; odd-numbered patients in a transaction that takes the completion, the
     * others alone (the hub then completes them in its own commit).
     */
    private final Hl7Handler department = TestHandler.of("EMR", Set.of("ADT^A04"), (m, completion) -> {
        String pid3 = m.field("PID-3-1");
        boolean joins = (pid3.charAt(pid3.length() - 1) - '0') % 2 == 1;
        if (!joins) {
            completion.store();
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dept_patient (pid) VALUES (?)")) {
                s.setString(1, pid3);
                s.executeUpdate();
            }
            org.pavilion.hl7.api.Outcome o = org.pavilion.hl7.api.Outcome.accepted(m.type() + " patient " + pid3
                    + " CREATED");
            java.util.concurrent.Callable<Void> commit = () -> {
                if (failing.contains(pid3)) {
                    c.rollback();
                    throw new SQLException("disk full");
                }
                Thread.sleep(1); // the disk's flush: the hub's own commits overtake this one unless ordered
                c.commit();
                return null;
            };
            try {
                if (joins) {
                    completion.commit(c, o, commit);
                } else {
                    commit.call();
                }
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
            return o;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    });

    @Before
    public void open() throws Exception {
        db = new InboundDatabase();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE dept_patient (pid VARCHAR(20) PRIMARY KEY)");
        }
        store = new MessageStore(db);
        Handlers handlers = new Handlers();
        handlers.add(department);
        processor = new Hl7Processor(store, handlers);
    }

    @After
    public void close() {
        store.close();
    }

    private String send(String controlId, String patient) {
        return new String(processor.receive("default", "10.1.2.3:40001", StartupRecoveryTest.a04(controlId, patient)
                .getBytes(StandardCharsets.UTF_8), SETTINGS), StandardCharsets.UTF_8);
    }

    @Test
    public void thePatientAndTheMessagesOutcomeCommitTogetherAndTheAckIsTheStoredOne() throws Exception {
        String ack = send("REG-1", "P1");
        assertTrue(ack, ack.contains("\rMSA|AA|REG-1"));
        StoredMessage row = store.list(null, null, null, "REG-1", 0, 1).get(0);
        row = store.find(row.id);
        assertEquals(MessageStore.PROCESSED, row.status);
        assertEquals("ADT^A04 patient P1 CREATED", row.outcome);
        assertEquals(ack, row.ackText);
        assertEquals(1, row.attempts);
        assertTrue(departmentHas("P1"));
        assertEquals("accepted: numbered for the routes", 1, store.acceptedAfter(0, 10).size());
        assertEquals("a redelivery gets the stored ACK", ack, send("REG-1", "P1"));
    }

    @Test
    public void whenTheDepartmentsCommitFailsNeitherIsKeptAndTheHubParksTheMessage() throws Exception {
        failing.add("P3");
        String ack = send("REG-3", "P3");
        assertTrue(ack, ack.contains("\rMSA|AE|REG-3"));
        StoredMessage row = store.find(store.list(null, null, null, "REG-3", 0, 1).get(0).id);
        assertEquals(MessageStore.PARKED, row.status);
        assertEquals(ack, row.ackText);
        assertTrue(row.error, row.error.contains("disk full"));
        assertNull("no accept_seq for a parked message", acceptSeq(row.id));
        assertEquals(0, store.acceptedAfter(0, 10).size());
        assertTrue("nothing of the patient", !departmentHas("P3"));
    }

    @Test
    public void aMessageThatArrivesOnceIsStoredInTheDepartmentsCommitAndARedeliveryIsNotAppliedAgain()
            throws Exception {
        String ack = send("REG-7", "P7");
        assertTrue(ack, ack.contains("\rMSA|AA|REG-7"));
        assertEquals("no commit of the hub's own", 0, store.commitStatistics()[1]);
        assertEquals(ack, send("REG-7", "P7"));
        assertEquals("one row", 1, store.count(null, null, null, "REG-7"));
        assertEquals(MessageStore.PROCESSED, store.find(store.list(null, null, null, "REG-7", 0, 1).get(0).id).status);
    }

    /** A department writing on its own has the message stored first: when that fails, nothing is applied or ACKed. */
    @Test
    public void whenTheMessageCannotBeStoredTheDepartmentWritesNothingAndNoAckIsSent() throws Exception {
        store.close(); // the hub is stopping: the store takes nothing more
        assertThrows(MessageStore.Hl7StoreException.class, () -> send("REG-2", "P2"));
        assertTrue("nothing of the patient", !departmentHas("P2"));
    }

    /**
     * The container died after storing the message and before applying it, and its sender (who got no ACK) sends it
     * again: the department's insert of the message finds the earlier row, so the redelivery completes that row.
     */
    @Test
    public void aMessageStoredBeforeACrashIsAppliedOnceWhenItsSenderSendsItAgain() throws Exception {
        String id = StartupRecoveryTest.storedBeforeTheCrash(store, "REG-5", "P5");

        String ack = send("REG-5", "P5");
        assertTrue(ack, ack.contains("\rMSA|AA|REG-5"));
        assertEquals("still one row", 1, store.count(null, null, null, "REG-5"));
        StoredMessage row = store.find(id);
        assertEquals(MessageStore.PROCESSED, row.status);
        assertEquals(ack, row.ackText);
        assertEquals(1, row.attempts);
        assertTrue(departmentHas("P5"));
        assertEquals(1, store.acceptedAfter(0, 10).size());
    }

    /**
     * Four feeds, half their messages completed in the department's commit and half in the hub's, while a route
     * reads "after its cursor" all along: numbers commit in order, so the route misses none and sees none twice.
     */
    @Test
    public void aRouteReadingAllAlongSeesEveryAcceptedMessageOnceWhicheverTransactionCompletedIt() throws Exception {
        int n = 400;
        ExecutorService pool = Executors.newFixedThreadPool(5);
        java.util.concurrent.atomic.AtomicBoolean feeding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Future<List<String>> route = pool.submit(() -> {
            List<String> seen = new ArrayList<>();
            long cursor = 0;
            while (true) {
                boolean last = !feeding.get();
                for (AcceptedMessage m : store.acceptedAfter(cursor, 50)) {
                    seen.add(m.id());
                    cursor = m.seq();
                }
                if (last) {
                    return seen;
                }
            }
        });
        List<Future<?>> feeds = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int feed = f;
            feeds.add(pool.submit(() -> {
                for (int i = feed; i < n; i += 4) {
                    String ack = send("ORD-" + i, "Q" + i);
                    assertTrue(ack, ack.contains("\rMSA|AA|ORD-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : feeds) {
            f.get(120, TimeUnit.SECONDS);
        }
        feeding.set(false);
        List<String> seen = route.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals("the hub's committer stored and completed only the messages not joined (the others were "
                + "stored with their patient)", n, store.commitStatistics()[1]);
        assertEquals("seen once each", n, new HashSet<>(seen).size());
        assertEquals(n, seen.size());
    }

    private boolean departmentHas(String pid) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM dept_patient WHERE pid = ?")) {
            s.setString(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Long acceptSeq(String id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT accept_seq FROM hl7_message WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }
}
