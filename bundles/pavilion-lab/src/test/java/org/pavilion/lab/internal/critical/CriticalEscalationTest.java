package org.pavilion.lab.internal.critical;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.RecordingEvents;

/**
 * A night on the medical ward (escalation after 30 minutes, on-call Dr Okafor, head of the lab Dr Lindqvist). Mrs
 * Alvarez's potassium of 7.2 is released at 02:00 for Dr House, who is in theatre: nobody acknowledges, at 02:30 it
 * goes to the on-call doctor, at 03:00 to the head, who acknowledges it; nothing happens after. Mr Brandt's glucose of
 * 1.4 is acknowledged by Dr House at 02:10 and never escalates. On a night without an on-call doctor the alert goes
 * straight to the head. Two containers running the sweep at once escalate each alert once.
 */
public class CriticalEscalationTest {

    private static final long TWO_AM = Instant.parse("2026-12-04T02:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final CriticalEscalation.Settings NIGHT =
            new CriticalEscalation.Settings(30, "dr.okafor", "dr.lindqvist", 200);
    private static final String ACK = "lab.critical.acknowledge";

    private static LabDatabase db;
    private CriticalWard ward;
    private final AtomicLong now = new AtomicLong(TWO_AM);
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final AuditService audit = trail::add;
    private final RecordingEvents events = new RecordingEvents();
    private CriticalEscalation escalation;
    private CriticalAlerts alerts;

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new LabDatabase();
    }

    @Before
    public void setUp() throws Exception {
        CriticalWard.clear(db);
        ward = new CriticalWard(db);
        escalation = new CriticalEscalation(db.emf, audit, events, now::get);
        alerts = new CriticalAlerts(db.emf, audit, now::get, null);
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Test
    public void unacknowledgedItGoesToTheOnCallThenTheHeadWhoseAcknowledgementEndsIt() throws Exception {
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TWO_AM, 30);

        at(29);
        assertEquals(List.of(), escalation.run(NIGHT));
        assertEquals(0, ward.alert(alvarez.alertId()).getLevel());

        at(30);
        assertEquals(List.of(new CriticalEscalation.Step(alvarez.alertId(), 0, 1, "dr.okafor")), escalation.run(NIGHT));
        CriticalAlertEntity a = ward.alert(alvarez.alertId());
        assertEquals(1, a.getLevel());
        assertEquals("dr.okafor", a.getNotify());
        assertEquals(Long.valueOf(TWO_AM + 60 * MINUTE), a.getEscalateAtMs());
        assertEquals(1L, ward.history(alvarez.orderId(), "CRITICAL_ESCALATED"));
        CriticalLabResult first = (CriticalLabResult) events.published.get(0).payload();
        assertEquals("lab-order:" + alvarez.orderId(), events.published.get(0).subjectKey());
        assertEquals(CriticalLabResult.TYPE, events.published.get(0).type());
        assertEquals(1, first.level);
        assertEquals("dr.okafor", first.notify);
        assertEquals("Potassium", first.testName);
        assertEquals("7.2", first.value);
        assertEquals("HH", first.flag);
        assertEquals("dr.house", first.orderingDoctor);
        assertEquals("MRN-ALVAREZ", first.patientId);
        assertEquals("system", first.actor);
        AuditEvent escalated = trail.get(0);
        assertEquals("ESCALATE", escalated.action());
        assertEquals("lab-critical", escalated.resourceType());
        assertEquals("MRN-ALVAREZ", escalated.patientId());
        assertEquals("system", escalated.caller().username());
        assertTrue(escalated.detail(), escalated.detail().contains("dr.house") && escalated.detail().contains("dr.okafor"));

        at(45); // the on-call doctor is busy too
        assertEquals(List.of(), escalation.run(NIGHT));
        at(60);
        assertEquals(List.of(new CriticalEscalation.Step(alvarez.alertId(), 1, 2, "dr.lindqvist")),
                escalation.run(NIGHT));
        assertEquals(2L, ward.history(alvarez.orderId(), "CRITICAL_ESCALATED"));
        assertEquals(2, ((CriticalLabResult) events.published.get(1).payload()).level);
        assertEquals("dr.lindqvist", ((CriticalLabResult) events.published.get(1).payload()).notify);

        at(64);
        CriticalAlert acknowledged = CallerContext.runAs(CriticalWard.staff("dr.lindqvist", ACK),
                () -> alerts.acknowledge(alvarez.alertId(), "Called the ward: repeat K and ECG ordered"));
        assertEquals("dr.lindqvist", acknowledged.acknowledgedBy);
        assertEquals(Instant.ofEpochMilli(TWO_AM + 64 * MINUTE).toString(), acknowledged.acknowledgedAt);
        assertEquals(2, acknowledged.level);
        assertNull(acknowledged.escalateAt);

        at(120);
        assertEquals(List.of(), escalation.run(NIGHT));
        assertEquals(2, events.published.size());
        assertEquals(2L, ward.history(alvarez.orderId(), "CRITICAL_ESCALATED"));
    }

    @Test
    public void acknowledgedAtLevelZeroItNeverEscalates() throws Exception {
        CriticalWard.Seeded brandt = ward.critical("MRN-BRANDT", "dr.house", "GLU", "1.4", "LL", TWO_AM, 30);
        at(10);
        CallerContext.runAs(CriticalWard.staff("dr.house", ACK), () -> alerts.acknowledge(brandt.alertId(), null));
        for (int minutes : new int[] {30, 60, 90, 600}) {
            at(minutes);
            assertEquals(List.of(), escalation.run(NIGHT));
        }
        CriticalAlertEntity a = ward.alert(brandt.alertId());
        assertEquals(0, a.getLevel());
        assertEquals("dr.house", a.getAcknowledgedBy());
        assertEquals(0, events.published.size());
        assertEquals(0L, ward.history(brandt.orderId(), "CRITICAL_ESCALATED"));
        assertEquals(1L, ward.history(brandt.orderId(), "CRITICAL_ACK"));
    }

    @Test
    public void withoutAnOnCallDoctorItGoesStraightToTheHead() {
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TWO_AM, 30);
        CriticalEscalation.Settings noOnCall = new CriticalEscalation.Settings(30, " ", "dr.lindqvist", 200);
        at(31);
        assertEquals(List.of(new CriticalEscalation.Step(alvarez.alertId(), 0, 2, "dr.lindqvist")),
                escalation.run(noOnCall));
        assertEquals("dr.lindqvist", ward.alert(alvarez.alertId()).getNotify());
        assertEquals(1, events.published.size());
    }

    @Test
    public void theHeadNotAnsweringEitherIsLoggedOnceAndTheAlertStaysWithTheHead() {
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TWO_AM, 30);
        at(30);
        escalation.run(NIGHT);
        at(60);
        escalation.run(NIGHT);
        at(90);
        assertEquals(List.of(), escalation.run(NIGHT));
        CriticalAlertEntity a = ward.alert(alvarez.alertId());
        assertEquals(2, a.getLevel());
        assertEquals("dr.lindqvist", a.getNotify());
        assertNull(a.getEscalateAtMs());
        assertNull(a.getAcknowledgedMs());
        at(300);
        assertEquals(List.of(), escalation.run(NIGHT));
        assertEquals(2, events.published.size());
        assertEquals(2L, ward.history(alvarez.orderId(), "CRITICAL_ESCALATED"));
    }

    @Test
    public void withNobodyConfiguredTheAlertWaitsAndEscalatesOnceTheHeadIsSet() {
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TWO_AM, 30);
        at(30);
        assertEquals(List.of(), escalation.run(new CriticalEscalation.Settings(30, "", "", 200)));
        assertEquals(0, ward.alert(alvarez.alertId()).getLevel());
        at(31); // the administrator sets the head of department
        assertEquals(1, escalation.run(new CriticalEscalation.Settings(30, "", "dr.lindqvist", 200)).size());
    }

    @Test
    public void twoContainersSweepingAtOnceEscalateEachAlertOnce() throws Exception {
        List<CriticalWard.Seeded> night = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            night.add(ward.critical("MRN-" + i, "dr.house", "K", "7." + i, "HH", TWO_AM + i * MINUTE, 30));
        }
        at(40);
        CriticalEscalation otherContainer = new CriticalEscalation(db.emf, audit, events, now::get);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<CriticalEscalation.Step>> one = () -> {
                start.await();
                return escalation.run(NIGHT);
            };
            Callable<List<CriticalEscalation.Step>> two = () -> {
                start.await();
                return otherContainer.run(NIGHT);
            };
            Future<List<CriticalEscalation.Step>> a = pool.submit(one);
            Future<List<CriticalEscalation.Step>> b = pool.submit(two);
            start.countDown();
            int steps = a.get(60, TimeUnit.SECONDS).size() + b.get(60, TimeUnit.SECONDS).size();
            assertEquals(6, steps);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, events.published.size());
        assertEquals(6, trail.stream().filter(e -> e.action().equals("ESCALATE")).count());
        for (CriticalWard.Seeded s : night) {
            assertEquals(1, ward.alert(s.alertId()).getLevel());
            assertEquals(1L, ward.history(s.orderId(), "CRITICAL_ESCALATED"));
        }
    }

    @Test
    public void twoDoctorsAcknowledgingAtOnceOneWinsTheOtherGets409() throws Exception {
        CriticalWard.Seeded alvarez = ward.critical("MRN-ALVAREZ", "dr.house", "K", "7.2", "HH", TWO_AM, 30);
        at(5);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String doctor : List.of("dr.house", "dr.okafor")) {
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        outcomes.add(CallerContext.runAs(CriticalWard.staff(doctor, ACK),
                                () -> alerts.acknowledge(alvarez.alertId(), doctor + " saw it")));
                    } catch (ProblemException p) {
                        outcomes.add(p);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, outcomes.stream().filter(o -> o instanceof CriticalAlert).count());
        ProblemException lost = (ProblemException) outcomes.stream().filter(o -> o instanceof ProblemException)
                .findFirst().orElseThrow();
        assertEquals(409, lost.status());
        CriticalAlert won = (CriticalAlert) outcomes.stream().filter(o -> o instanceof CriticalAlert).findFirst()
                .orElseThrow();
        assertEquals(won.acknowledgedBy, ward.alert(alvarez.alertId()).getAcknowledgedBy());
        assertEquals(1L, ward.history(alvarez.orderId(), "CRITICAL_ACK"));
    }

    private void at(int minutesAfterTwo) {
        now.set(TWO_AM + minutesAfterTwo * MINUTE);
    }
}
