package org.pavilion.lab.internal.critical;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.RecordingEvents;
import org.pavilion.lab.internal.access.EmrPatientGate;

/**
 * Monday morning on the ward: three critical values are open, two for Dr House (Mrs Alvarez's potassium, Mr Brandt's
 * glucose) and one already with the on-call Dr Okafor (Ms Chen's potassium). Dr House lists his own, then all, and
 * acknowledges Mrs Alvarez's; a second click gets 409; Ms Chen's record is restricted, so Dr House may not acknowledge
 * hers (403, audited DENIED) while Dr Okafor may. Every read and write leaves its audit record with the patient.
 */
public class CriticalAlertsTest {

    private static final long EIGHT_AM = Instant.parse("2026-12-07T08:00:00Z").toEpochMilli();
    private static final String ACK = "lab.critical.acknowledge";

    private static LabDatabase db;
    private CriticalWard ward;
    private final AtomicLong now = new AtomicLong(EIGHT_AM);
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private CriticalAlerts alerts;
    private CriticalWard.Seeded alvarez;
    private CriticalWard.Seeded brandt;
    private CriticalWard.Seeded chen;

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new LabDatabase();
    }

    @Before
    public void setUp() throws Exception {
        CriticalWard.clear(db);
        ward = new CriticalWard(db);
        alerts = new CriticalAlerts(db.emf, audit, now::get, new EmrPatientGate(new Emr(), audit));
        alvarez = ward.critical("0000001001", "dr.house", "K", "7.2", "HH", EIGHT_AM - 20 * 60_000L, 30);
        brandt = ward.critical("0000001002", "dr.house", "GLU", "1.4", "LL", EIGHT_AM - 10 * 60_000L, 30);
        chen = ward.critical("0000001003", "dr.wilson", "K", "2.1", "LL", EIGHT_AM - 50 * 60_000L, 30);
        db.jpa.run(em -> {
            CriticalAlertEntity a = em.find(CriticalAlertEntity.class, chen.alertId());
            a.setLevel(1);
            a.setNotify("dr.okafor");
        });
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Test
    public void theDoctorListsHisOwnOpenAlertsWithTestNameAndValueThenAll() throws Exception {
        Page<CriticalAlert> mine = as("dr.house", () -> alerts.open(true, 0, 50));
        assertEquals(2, mine.getTotal());
        CriticalAlert first = mine.getItems().get(0);
        assertEquals(alvarez.alertId(), first.id);
        assertEquals(alvarez.resultId(), first.resultId);
        assertEquals(alvarez.orderId(), first.orderId);
        assertEquals("0000001001", first.patientId);
        assertEquals("K", first.testCode);
        assertEquals("Potassium", first.testName);
        assertEquals("7.2", first.value);
        assertEquals("mmol/L", first.unit);
        assertEquals("HH", first.flag);
        assertEquals(0, first.level);
        assertEquals("dr.house", first.notify);
        assertEquals("2026-12-07T07:40:00Z", first.raisedAt);
        assertEquals("2026-12-07T08:10:00Z", first.escalateAt);
        assertNull(first.acknowledgedAt);
        assertEquals("Glucose", mine.getItems().get(1).testName);
        assertEquals(List.of("0000001001", "0000001002"), trail.stream().map(AuditEvent::patientId).toList());
        assertTrue(trail.stream().allMatch(e -> e.action().equals("SEARCH") && e.resourceType().equals("lab-critical")));

        Page<CriticalAlert> all = as("dr.house", () -> alerts.open(false, 0, 50));
        assertEquals(List.of(chen.alertId(), alvarez.alertId(), brandt.alertId()),
                all.getItems().stream().map(a -> a.id).toList());
        Page<CriticalAlert> second = as("dr.house", () -> alerts.open(false, 1, 2));
        assertEquals(3, second.getTotal());
        assertEquals(List.of(brandt.alertId()), second.getItems().stream().map(a -> a.id).toList());
    }

    @Test
    public void acknowledgingIsAuditedWithLevelAndNoteAndTheAlertLeavesTheList() throws Exception {
        now.set(EIGHT_AM + 60_000L);
        CriticalAlert done = as("dr.house", () -> alerts.acknowledge(alvarez.alertId(),
                "  Patient seen, calcium gluconate given  "));
        assertEquals("dr.house", done.acknowledgedBy);
        assertEquals("2026-12-07T08:01:00Z", done.acknowledgedAt);
        AuditEvent record = trail.get(trail.size() - 1);
        assertEquals("ACKNOWLEDGE", record.action());
        assertEquals("lab-critical", record.resourceType());
        assertEquals(alvarez.alertId(), record.resourceId());
        assertEquals("0000001001", record.patientId());
        assertEquals(AuditOutcome.SUCCESS, record.outcome());
        assertEquals("level 0 (notify dr.house); note: Patient seen, calcium gluconate given", record.detail());

        assertEquals(List.of(brandt.alertId()), as("dr.house", () -> alerts.open(true, 0, 50)).getItems().stream()
                .map(a -> a.id).toList());

        ProblemException again = refused("dr.house", () -> alerts.acknowledge(alvarez.alertId(), null));
        assertEquals(409, again.status());
        assertTrue(again.getMessage(), again.getMessage().contains("dr.house"));
        assertEquals(AuditOutcome.FAILED, trail.get(trail.size() - 1).outcome());
        assertEquals(1L, ward.history(alvarez.orderId(), "CRITICAL_ACK"));
    }

    @Test
    public void anAlertEscalatedSinceTheListWasOpenedIsStillAcknowledgedAtTheLevelItReached() throws Exception {
        as("dr.house", () -> alerts.open(true, 0, 50));
        now.set(EIGHT_AM + 21 * 60_000L); // the sweep moves Mr Brandt's glucose to the on-call while Dr House reads
        new CriticalEscalation(db.emf, audit, new RecordingEvents(), now::get)
                .run(new CriticalEscalation.Settings(30, "dr.okafor", "dr.lindqvist", 200));
        assertEquals(1, ward.alert(brandt.alertId()).getLevel());

        CriticalAlert done = as("dr.house", () -> alerts.acknowledge(brandt.alertId(), "glucose given"));
        assertEquals("dr.house", done.acknowledgedBy);
        assertEquals(1, done.level);
        assertEquals("level 1 (notify dr.okafor); note: glucose given", trail.get(trail.size() - 1).detail());
    }

    @Test
    public void aRestrictedRecordIsRefusedToOneDoctorAndOpenToTheOnCall() throws Exception {
        ProblemException refused = refused("dr.house", () -> alerts.acknowledge(chen.alertId(), "seen"));
        assertEquals(403, refused.status());
        AuditEvent denied = trail.get(trail.size() - 1);
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("lab-critical", denied.resourceType());
        assertEquals("0000001003", denied.patientId());
        assertNull(ward.alert(chen.alertId()).getAcknowledgedMs());

        CriticalAlert done = as("dr.okafor", () -> alerts.acknowledge(chen.alertId(), "seen, repeat sample"));
        assertEquals("dr.okafor", done.acknowledgedBy);
        assertEquals(1, done.level);
    }

    @Test
    public void unknownAlertsAndOverlongNotesAreRefusedWithoutTouchingAnything() throws Exception {
        assertEquals(404, refused("dr.house", () -> alerts.acknowledge("no-such-alert", null)).status());
        ProblemException tooLong = refused("dr.house", () -> alerts.acknowledge(alvarez.alertId(), "x".repeat(501)));
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.getMessage().contains("500"));
        assertNull(ward.alert(alvarez.alertId()).getAcknowledgedMs());
        assertEquals(400, refused("dr.house", () -> alerts.open(false, -1, 50)).status());
    }

    @Test
    public void onlyDoctorsHoldTheAcknowledgePrivilegeForBothEndpoints() throws Exception {
        new PrivilegeMatrix().assertRest(CriticalResource.class,
                Map.of("open", Set.of("DOCTOR"), "acknowledge", Set.of("DOCTOR")));
    }

    private static <T> T as(String doctor, Callable<T> work) throws Exception {
        return CallerContext.runAs(CriticalWard.staff(doctor, ACK), work);
    }

    private static ProblemException refused(String doctor, Callable<?> work) throws Exception {
        try {
            as(doctor, work);
        } catch (ProblemException p) {
            return p;
        }
        fail("expected a refusal");
        return null;
    }

    /** The EMR: Ms Chen's record (0000001003) is restricted to her care team, the on-call doctor today. */
    private static final class Emr implements PatientAccess {
        @Override
        public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
            String user = CallerContext.require().username();
            if (!CallerContext.require().hasPrivilege(part.anyPatient())) {
                return new AccessDecision(Outcome.DENIED, "no privilege", mrn, null, part, action, false, null);
            }
            if (mrn.equals("0000001003") && !user.equals("dr.okafor")) {
                return new AccessDecision(Outcome.BREAK_GLASS_REQUIRED, "restricted record", mrn, null, part, action,
                        false, null);
            }
            return new AccessDecision(Outcome.ALLOWED, null, mrn, mrn, part, action, false, null);
        }
    }
}
