package org.pavilion.emr.internal.integration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.junit.After;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDirectory;

/**
 * The directory's group commit against a recording persistence unit: each EntityManager's transaction keeps the
 * rows its works "wrote" and hands them to {@link #committed} only on commit (after a short, fsync-like pause, so
 * concurrent feeds meet in groups).
 */
public class DirectoryCommitterTest {

    private final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    private final Map<EntityManager, List<String>> pending = Collections.synchronizedMap(new HashMap<>());
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    /** Audit records are kept when the group's transaction commits, like its rows: "audit ACTION resource by actor". */
    private final DirectoryCommitter committer = new DirectoryCommitter(new JpaTransactions(recordingUnit()),
            em -> null, (c, events, commit) -> {
                List<String> records = new ArrayList<>();
                for (AuditEvent e : events) {
                    records.add("audit " + e.action() + " " + e.resourceId() + " by " + e.caller().username());
                }
                commit.call(); // throws when the transaction did not commit: then neither did its records
                committed.addAll(records);
            });

    @After
    public void close() {
        committer.close();
    }

    @Test
    public void eightFeedsRegisteringAtOnceShareCommitsAndEveryWriteCommitsOnceAsItsOwnCaller() throws Exception {
        feeds(8, 40, (feed, i) -> {
            String row = feed + "/" + i + " by hl7:" + feed;
            DirectoryCommitter.Applied a = CallerContext.runAs(caller("hl7:" + feed),
                    () -> committer.submit(em -> write(em, feed + "/" + i + " by " + actor())));
            assertTrue("returned only once committed", committed.contains(row));
            assertEquals(row, a.result().mrn);
        });
        assertEquals(320, committed.size());
        assertEquals("each write exactly once", 320, Set.copyOf(committed).size());
        long[] stats = committer.statistics();
        assertEquals(320, stats[1]);
        assertTrue("writes shared commits: " + stats[0] + " commits for 320 writes", stats[0] < 320);
        assertEquals(stats[0], transactions.get());
    }

    @Test
    public void eachWriteCommitsWithItsAuditRecordAsItsOwnCallerAndAFailedOneLeavesNone() throws Exception {
        feeds(4, 25, (feed, i) -> {
            String row = feed + "/" + i;
            CallerContext.runAs(caller("hl7:" + feed), () -> {
                if (i % 10 == 9) {
                    assertThrows(IllegalStateException.class, () -> committer.submit(em -> {
                        write(em, row);
                        throw new IllegalStateException("database refused " + row);
                    }));
                } else {
                    committer.submit(em -> {
                        write(em, row);
                        return new DirectoryCommitter.Applied(new PatientDirectory.Result(row, null,
                                PatientDirectory.Change.CREATED), List.of(AuditEvent.of("CREATE", "patient")
                                        .resourceId(row).patientId(row).build()));
                    });
                }
                return null;
            });
        });
        List<String> rows = committed.stream().filter(r -> !r.startsWith("audit ")).toList();
        List<String> records = committed.stream().filter(r -> r.startsWith("audit ")).toList();
        assertEquals(92, rows.size());
        assertEquals(92, records.size());
        for (String row : rows) {
            String feed = row.substring(0, row.indexOf('/'));
            assertTrue(row + " audited as its feed", records.contains("audit CREATE " + row + " by hl7:" + feed));
        }
    }

    /** An HL7 hub's record of each message commits with the write, in the group's commit, once per write. */
    @Test
    public void eachWritesParticipantCommitsWithItOnceWithItsResult() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        feeds(4, 20, (feed, i) -> {
            String row = feed + "/" + i;
            committer.submit(null, em -> write(em, row), (c, result, commit) -> {
                threads.add(Thread.currentThread().getName());
                commit.call(); // nested: the next participant of the group, then the commit itself
                committed.add("acked " + result.mrn);
            });
        });
        List<String> rows = committed.stream().filter(r -> !r.startsWith("acked ")).toList();
        assertEquals(80, rows.size());
        for (String row : rows) {
            assertEquals(row, 1, committed.stream().filter(("acked " + row)::equals).count());
        }
        assertTrue(threads.stream().allMatch("pavilion-emr-directory-commit"::equals));
        assertEquals("one commit per group, whatever its participants", committer.statistics()[0],
                transactions.get());
    }

    @Test
    public void contentRefusedBeforeWritingFailsOnlyItsOwnFeedAndTheGroupCommits() throws Exception {
        feeds(6, 30, (feed, i) -> {
            String row = feed + "/" + i;
            if (feed == 0 && i % 3 == 0) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> committer.submit(em -> {
                            throw new DirectoryCommitter.Refused(new IllegalArgumentException("PID-5 missing in " + row));
                        }));
                assertEquals("PID-5 missing in " + row, refused.getMessage());
            } else {
                committer.submit(em -> write(em, row));
            }
        });
        assertEquals(180 - 10, committed.size());
        assertEquals("no write was rolled back for a refused message", 0, rollbacks.get());
    }

    @Test
    public void aWriteThatFailsMidwayRollsItsGroupBackAndTheOthersCommitAlone() throws Exception {
        feeds(5, 30, (feed, i) -> {
            String row = feed + "/" + i;
            if (feed == 0 && i % 5 == 0) {
                IllegalStateException failed = assertThrows(IllegalStateException.class,
                        () -> committer.submit(em -> {
                            write(em, row + " half-written");
                            throw new IllegalStateException("database refused " + row);
                        }));
                assertEquals("database refused " + row, failed.getMessage());
            } else {
                committer.submit(em -> write(em, row));
            }
        });
        assertEquals(150 - 6, committed.size());
        assertFalse("nothing of a failed write is kept", committed.stream().anyMatch(r -> r.endsWith("half-written")));
        assertEquals(144, Set.copyOf(committed).size());
        assertTrue(rollbacks.get() >= 6);
    }

    @Test
    public void afterCloseNothingIsTakenAndTheCallerIsToldWhy() {
        committer.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> committer.submit(em -> write(em, "late")));
        assertTrue(e.getMessage(), e.getMessage().contains("closed"));
        assertTrue(committed.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------------

    /** One message of one feed. */
    private interface Message {
        void send(int feed, int message) throws Exception;
    }

    /** {@code feeds} threads each sending {@code messages} back to back, all at once; rethrows a feed's failure. */
    private static void feeds(int feeds, int messages, Message message) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(feeds);
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int f = 0; f < feeds; f++) {
                int feed = f;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < messages; i++) {
                        message.send(feed, i);
                    }
                    return null;
                }));
            }
            for (Future<Object> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private DirectoryCommitter.Applied write(EntityManager em, String row) {
        pending.computeIfAbsent(em, k -> new ArrayList<>()).add(row);
        return new DirectoryCommitter.Applied(new PatientDirectory.Result(row, null, PatientDirectory.Change.CREATED),
                List.of());
    }

    private static String actor() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    private EntityManagerFactory recordingUnit() {
        return (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createEntityManager")) {
                        return entityManager();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private EntityManager entityManager() {
        EntityManager[] self = new EntityManager[1];
        boolean[] active = new boolean[1];
        EntityTransaction tx = (EntityTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityTransaction.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "begin":
                            active[0] = true;
                            return null;
                        case "commit":
                            Thread.sleep(2); // the disk's flush: feeds arriving meanwhile join the next group
                            committed.addAll(pending.getOrDefault(self[0], List.of()));
                            pending.remove(self[0]);
                            transactions.incrementAndGet();
                            active[0] = false;
                            return null;
                        case "rollback":
                            if (pending.remove(self[0]) != null) {
                                rollbacks.incrementAndGet(); // a transaction that had written something
                            }
                            active[0] = false;
                            return null;
                        case "isActive":
                            return active[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        self[0] = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getTransaction":
                            return tx;
                        case "close":
                        case "clear": // the committer keeps its EntityManager from group to group
                            return null;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        return self[0];
    }

    private static Caller caller(String name) {
        return Caller.inContainer(name, Set.of("emr.patient.view-any", "emr.record.feed-write"), "local");
    }
}
