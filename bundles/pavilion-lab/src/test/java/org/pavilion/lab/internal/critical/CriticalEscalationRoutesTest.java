package org.pavilion.lab.internal.critical;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.lab.internal.LabConfig;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.RecordingEvents;

/**
 * The timer as the administrator sees it: runs every {@code criticalCheckSeconds}; a change of the configuration
 * (a new on-call doctor for the night, a shorter period) applies at the next tick, without re-creating the route.
 */
public class CriticalEscalationRoutesTest {

    private static final long TEN_PM = Instant.parse("2026-12-04T22:00:00Z").toEpochMilli();

    private static LabDatabase db;
    private final AtomicLong now = new AtomicLong(TEN_PM);
    private final List<AuditEvent> trail = new ArrayList<>();
    private final RecordingEvents events = new RecordingEvents();
    private CriticalEscalationRoutes routes;

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new LabDatabase();
    }

    @Before
    public void setUp() throws Exception {
        CriticalWard.clear(db);
        CriticalEscalation escalation = new CriticalEscalation(db.emf, trail::add, events, now::get);
        routes = new CriticalEscalationRoutes(escalation, now::get,
                CriticalEscalationRoutes.Schedule.of(config(30, "dr.day", "dr.lindqvist", 60)));
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Test
    public void theRouteRunsEveryCheckPeriodAndPicksUpAChangedConfigurationAtOnce() throws Exception {
        CriticalWard ward = new CriticalWard(db);
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TEN_PM, 30);

        assertTrue(routes.tick());
        now.addAndGet(30_000L);
        assertFalse(routes.tick()); // 30 s after the last run, period 60 s

        // 22:30: the night on-call takes over, and the administrator shortens the check period
        now.set(TEN_PM + 30 * 60_000L);
        routes.modified(config(30, "dr.okafor", "dr.lindqvist", 5));
        assertTrue(routes.tick());
        assertEquals("dr.okafor", ward.alert(alvarez.alertId()).getNotify());
        now.addAndGet(5_000L);
        assertTrue(routes.tick());
        assertEquals(1, events.published.size());
        assertEquals("system", trail.get(0).caller().username());
        assertEquals("lab-critical-escalation", CriticalEscalationRoutes.ROUTE_ID);
    }

    static LabConfig config(int minutes, String onCall, String head, int checkSeconds) {
        return new LabConfig() {
            @Override public Class<? extends Annotation> annotationType() { return LabConfig.class; }
            @Override public int criticalEscalateMinutes() { return minutes; }
            @Override public String criticalOnCall() { return onCall; }
            @Override public String criticalHead() { return head; }
            @Override public int criticalCheckSeconds() { return checkSeconds; }
            @Override public boolean releaseOnVerify() { return true; }
            @Override public String lisOrderMessage() { return "NONE"; }
            @Override public boolean lisSendResults() { return false; }
            @Override public String lisVerifiedSenders() { return ""; }
        };
    }
}
