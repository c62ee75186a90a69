package org.pavilion.core.internal.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.Role;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.security.AuthenticatedCaller;

public class AuditTrailTest {

    private CoreTestDatabase db;
    private AuditServiceImpl audit;

    @Before
    public void setUp() {
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, null);
    }

    @After
    public void tearDown() throws Exception {
        CallerContext.clear();
        db.close();
    }

    private void aMorningOnTheWard() {
        CallerContext.bind(new AuthenticatedCaller("dr.grey", EnumSet.of(Role.DOCTOR), null, "10.1.2.3"));
        audit.record(AuditEvent.of("READ", "patient").resourceId("P-100").patientId("P-100").build());
        audit.record(AuditEvent.of("CREATE", "diagnosis").resourceId("D-1").patientId("P-100").detail("J18.9").build());
        CallerContext.bind(new AuthenticatedCaller("billing.bob", EnumSet.of(Role.BILLING), null, "10.1.2.4"));
        audit.record(AuditEvent.of("READ", "diagnosis").resourceId("D-1").patientId("P-100")
                .outcome(AuditOutcome.DENIED).build());
        CallerContext.bind(new AuthenticatedCaller("dr.grey", EnumSet.of(Role.DOCTOR), null, "10.1.2.3"));
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

    @Test(expected = org.pavilion.core.api.rest.ProblemException.class)
    public void anAbsurdPageSizeIsRefused() {
        audit.search(new AuditQuery(), 0, 100_000);
    }
}
