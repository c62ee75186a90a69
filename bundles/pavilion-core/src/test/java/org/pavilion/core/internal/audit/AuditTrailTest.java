package org.pavilion.core.internal.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.security.AuthenticatedCaller;

public class AuditTrailTest {

    private CoreTestDatabase db;
    private AuditServiceImpl audit;

    @Before
    public void setUp() {
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
    }

    @After
    public void tearDown() throws Exception {
        CallerContext.clear();
        audit.deactivate(); // its committer drains before the database goes
        db.close();
    }

    private void aMorningOnTheWard() {
        CallerContext.bind(new AuthenticatedCaller("dr.grey", Set.of("DOCTOR"), Set.of(), null, "10.1.2.3"));
        audit.record(AuditEvent.of("READ", "patient").resourceId("P-100").patientId("P-100").build());
        audit.record(AuditEvent.of("CREATE", "diagnosis").resourceId("D-1").patientId("P-100").detail("J18.9").build());
        CallerContext.bind(new AuthenticatedCaller("billing.bob", Set.of("BILLING"), Set.of(), null, "10.1.2.4"));
        audit.record(AuditEvent.of("READ", "diagnosis").resourceId("D-1").patientId("P-100")
                .outcome(AuditOutcome.DENIED).build());
        CallerContext.bind(new AuthenticatedCaller("dr.grey", Set.of("DOCTOR"), Set.of(), null, "10.1.2.3"));
        audit.record(AuditEvent.of("READ", "patient").resourceId("P-200").patientId("P-200")
                .emergencyAccess(true).detail("unconscious in ER, no consent possible").build());
    }

    @Test
    public void everyAccessIsRecordedWithWhoWhatWhoseAndFromWhere() {
        aMorningOnTheWard();
        AuditQuery q = new AuditQuery();
        q.patientId = "P-100";
        Page<AuditRecordView> page = audit.search(q, 0, 10);
        assertEquals(3, page.getTotal());
        AuditRecordView denied = page.getItems().get(0);
        assertEquals("billing.bob", denied.actor);
        assertEquals("BILLING", denied.actorRoles);
        assertEquals("DENIED", denied.outcome);
        assertEquals("10.1.2.4", denied.clientAddress);

        AuditQuery glass = new AuditQuery();
        glass.emergency = true;
        assertEquals(1, audit.search(glass, 0, 10).getTotal());
        assertEquals("P-200", audit.search(glass, 0, 10).getItems().get(0).patientId);
    }

    @Test
    public void recordsWrittenInTheCallersTransactionCommitWithItAndVanishWithItsRollback() throws Exception {
        aMorningOnTheWard();
        AuthenticatedCaller feed = new AuthenticatedCaller("hl7:LAB", Set.of("INTEGRATION"), Set.of(), null, "10.9.9.9");
        try (java.sql.Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the registration's commit fails: its record goes with it, the failure reaches the caller, and the
            // next record links to the last one committed (no gap, no fork)
            java.sql.SQLException failed = org.junit.Assert.assertThrows(java.sql.SQLException.class,
                    () -> audit.recordAllCommittingWith(c, java.util.List.of(AuditEvent.of("CREATE", "patient")
                            .resourceId("P-300").patientId("P-300").build().as(feed)), () -> {
                                c.rollback();
                                throw new java.sql.SQLException("could not serialize access");
                            }));
            assertEquals("could not serialize access", failed.getMessage());
            audit.record(AuditEvent.of("READ", "patient").resourceId("P-100").patientId("P-100").build());
            // committed: the record carries the feed's name though the thread's caller is dr.grey
            String done = audit.recordAllCommittingWith(c, java.util.List.of(AuditEvent.of("CREATE", "patient")
                    .resourceId("P-301").patientId("P-301").build().as(feed)), () -> {
                        c.commit();
                        return "committed";
                    });
            assertEquals("committed", done);
        }
        AuditQuery q = new AuditQuery();
        q.actor = "hl7:LAB";
        Page<AuditRecordView> page = audit.search(q, 0, 10);
        assertEquals(1, page.getTotal());
        assertEquals("P-301", page.getItems().get(0).patientId);
        assertEquals("10.9.9.9", page.getItems().get(0).clientAddress);
        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(6, v.recordsChecked);
    }

    @Test
    public void anUntouchedChainVerifies() {
        aMorningOnTheWard();
        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(4, v.recordsChecked);
    }

    @Test
    public void editingARecordInTheDatabaseIsDetected() throws Exception {
        aMorningOnTheWard();
        assertEquals(1, db.execute("UPDATE core_audit SET outcome = 'SUCCESS' WHERE seq = 3"));
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(3), v.firstBrokenSeq);
        assertEquals(2, v.recordsChecked);
    }

    @Test
    public void deletingARecordIsDetected() throws Exception {
        aMorningOnTheWard();
        db.execute("DELETE FROM core_audit WHERE seq = 2");
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(2), v.firstBrokenSeq);
    }

    @Test
    public void rewritingARecordWithAFreshHashStillBreaksTheNextLink() throws Exception {
        aMorningOnTheWard();
        db.execute("UPDATE core_audit SET detail = 'nothing to see', hash = 'f00d' WHERE seq = 2");
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(2), v.firstBrokenSeq);
    }

    @Test
    public void concurrentWritersStillFormOneChain() throws Exception {
        Thread[] clerks = new Thread[4];
        for (int i = 0; i < clerks.length; i++) {
            int clerk = i;
            clerks[i] = new Thread(() -> {
                for (int n = 0; n < 10; n++) {
                    audit.record(AuditEvent.of("READ", "patient").patientId("P-" + clerk + "-" + n).build());
                }
            });
            clerks[i].start();
        }
        for (Thread t : clerks) {
            t.join();
        }
        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(40, v.recordsChecked);
    }

    /**
     * Group commit under load: many clerks' searches (several records each) written concurrently come out as one
     * intact chain, every caller's records contiguous and in its order, none lost; a caller whose record the
     * database refuses fails alone, the others sharing its group commit are written.
     */
    @Test
    public void concurrentBatchesAreGroupCommittedWithoutMixingOrLosingRecords() throws Exception {
        int clerks = 12;
        int searches = 40;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clerks);
        java.util.List<java.util.concurrent.Future<Integer>> refused = new java.util.ArrayList<>();
        for (int c = 0; c < clerks; c++) {
            int clerk = c;
            refused.add(pool.submit(() -> {
                start.await();
                int failures = 0;
                for (int n = 0; n < searches; n++) {
                    java.util.List<AuditEvent> page = new java.util.ArrayList<>();
                    for (int hit = 0; hit < 1 + (clerk + n) % 5; hit++) {
                        // Every 10th search of clerk 0 carries a patient id too long for its column.
                        String patient = clerk == 0 && n % 10 == 9 ? "X".repeat(5000) : "P-" + clerk + "-" + n + "-" + hit;
                        page.add(AuditEvent.of("SEARCH", "patient").patientId(patient).build());
                    }
                    try {
                        audit.recordAll(page);
                    } catch (RuntimeException expected) {
                        failures++;
                    }
                }
                return failures;
            }));
        }
        start.countDown();
        int expectedRecords = 0;
        for (int c = 0; c < clerks; c++) {
            for (int n = 0; n < searches; n++) {
                if (!(c == 0 && n % 10 == 9)) {
                    expectedRecords += 1 + (c + n) % 5;
                }
            }
        }
        assertEquals(Integer.valueOf(searches / 10), refused.get(0).get());
        for (int c = 1; c < clerks; c++) {
            assertEquals("clerk " + c + " lost records", Integer.valueOf(0), refused.get(c).get());
        }
        pool.shutdown();

        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(expectedRecords, v.recordsChecked);
        // In seq order, each search's hits are adjacent and in the order given.
        AuditQuery all = new AuditQuery();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int p = 0; p * 200 < expectedRecords; p++) {
            audit.search(all, p, 200).getItems().forEach(r -> ids.add(0, r.patientId)); // newest first: reversed
        }
        for (int i = 0; i < ids.size(); i++) {
            String[] parts = ids.get(i).split("-");
            int hit = Integer.parseInt(parts[3]);
            if (hit > 0) {
                String previous = parts[0] + "-" + parts[1] + "-" + parts[2] + "-" + (hit - 1);
                assertEquals("hits of one search split or reordered at " + i, previous, ids.get(i - 1));
            }
        }
    }

    /**
     * The night the bookings stopped: every pooled connection was held by a transaction waiting to write its audit
     * record, while the audit committer held the chain and waited for a connection. Here the pool has one
     * connection: a transaction holds it, a clerk's record waits for it, and the transaction must still commit
     * with its record, after which the clerk's record is written too.
     */
    @Test
    public void aTransactionHoldingTheLastPooledConnectionStillCommitsWithItsRecord() throws Exception {
        java.util.concurrent.Semaphore pool = new java.util.concurrent.Semaphore(1);
        java.util.concurrent.CountDownLatch committerWaits = new java.util.concurrent.CountDownLatch(1);
        javax.sql.DataSource oneConnection = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("getConnection")) {
                        return m.invoke(db.dataSource, args);
                    }
                    if (!pool.tryAcquire()) {
                        committerWaits.countDown();
                        pool.acquire();
                    }
                    java.sql.Connection c = db.dataSource.getConnection();
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (cp, cm, cargs) -> {
                                if (cm.getName().equals("close")) {
                                    c.close();
                                    pool.release();
                                    return null;
                                }
                                try {
                                    return cm.invoke(c, cargs);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
        audit.deactivate();
        audit = new AuditServiceImpl(db.emf, oneConnection, null);
        java.util.concurrent.ExecutorService clerks = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.sql.Connection booking = oneConnection.getConnection();
            booking.setAutoCommit(false);
            java.util.concurrent.Future<?> clerk = clerks.submit(() -> audit.record(
                    AuditEvent.of("READ", "patient").patientId("P-1").build()));
            assertTrue("the clerk's record never asked for a connection",
                    committerWaits.await(10, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.Future<String> booked = clerks.submit(() -> audit.recordAllCommittingWith(booking,
                    java.util.List.of(AuditEvent.of("CREATE", "appointment").patientId("P-2").build()), () -> {
                        booking.commit();
                        booking.close();
                        return "booked";
                    }));
            assertEquals("booked", booked.get(10, java.util.concurrent.TimeUnit.SECONDS));
            clerk.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            clerks.shutdownNow();
        }
        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(2, v.recordsChecked);
    }

    @Test(expected = org.pavilion.core.api.rest.ProblemException.class)
    public void anAbsurdPageSizeIsRefused() {
        audit.search(new AuditQuery(), 0, 100_000);
    }
}
