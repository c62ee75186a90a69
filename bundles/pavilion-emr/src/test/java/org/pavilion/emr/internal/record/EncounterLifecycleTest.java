package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.EncounterClosed;
import org.pavilion.emr.api.EncounterMoved;
import org.pavilion.emr.api.EncounterStatusChanged;
import org.pavilion.emr.api.PatientDischarged;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.events.api.EventPublisher;

/**
 * An admission on ward 3, through EncounterService on the EMR's real change logs (H2; PostgreSQL with
 * -Dpavilion.test.postgres): Jorge is admitted to bed 12A, moved to 14B and back, discharged home, the discharge
 * cancelled and his stay finally cancelled as entered for the wrong patient. Every transition shares one shape
 * (EncounterTransition): what it publishes, what a repeat or a conflict gives, and what the audit trail says.
 */
public class EncounterLifecycleTest {

    private static final String JORGE = "0000004269";
    private static final String ELENA = "0000004366";
    private static final Caller NURSE = Caller.inContainer("nurse.lopez",
            Set.of("emr.record.clinical.view", "emr.record.clinical.edit"), "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    /** Published events as "type subjectKey", with their payloads alongside. */
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> payloads = Collections.synchronizedList(new ArrayList<>());
    private EncounterService encounters;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        EventPublisher events = new EventPublisher() {
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                published.add(eventType + " " + subjectKey);
                payloads.add(payload);
                return String.valueOf(published.size());
            }
        };
        JpaTransactions jpa = new JpaTransactions(db.emf);
        encounters = new EncounterService(new RecordWork(jpa, trail::add, events, new ClinicalAccess(db.emf, trail::add)),
                TestConstraints.platform());
        jpa.call(em -> {
            em.persist(patient(JORGE, "Jorge", "Navarro"));
            em.persist(patient(ELENA, "Elena", "Marín"));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void anAdmissionIsMovedDischargedReopenedAndCancelledWithOneEventPerChange() throws Exception {
        Clinical.EncounterInput admission = new Clinical.EncounterInput();
        admission.kind = "admission";
        admission.location = "W3^12^A";
        admission.reason = "Community-acquired pneumonia";
        String id = asNurse(() -> encounters.openEncounter(JORGE, admission, null)).id;
        published.clear();
        payloads.clear();

        Clinical.Encounter moved = asNurse(() -> encounters.moveEncounter(JORGE, id, "W3^14^B", false, null));
        assertEquals("W3^14^B", moved.location);
        assertEquals("W3^12^A", ((EncounterMoved) payloads.get(0)).previousLocation);
        asNurse(() -> encounters.moveEncounter(JORGE, id, "W3^14^B", false, null));
        assertEquals("a repeated transfer publishes nothing", 1, published.size());
        assertEquals("W3^12^A", asNurse(() -> encounters.moveEncounter(JORGE, id, null, true, null)).location);

        Clinical.Encounter closed = asNurse(() -> encounters.closeEncounter(JORGE, id, null, "01"));
        assertEquals("CLOSED", closed.status);
        assertEquals("nurse.lopez", closed.closedBy);
        assertEquals(List.of("EncounterMoved patient:" + JORGE, "EncounterMoved patient:" + JORGE,
                "EncounterClosed patient:" + JORGE, "PatientDischarged patient:" + JORGE), published);
        PatientDischarged home = (PatientDischarged) payloads.get(3);
        assertEquals("01", home.disposition);
        assertEquals(((EncounterClosed) payloads.get(2)).closedAt, home.dischargedAt);

        ProblemException twice = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.closeEncounter(JORGE, id, null)));
        assertEquals(409, twice.status());
        AuditEvent refused = last();
        assertEquals(AuditOutcome.FAILED, refused.outcome());
        assertEquals("409 Encounter " + id + " is already closed", refused.detail());
        assertEquals(4, published.size());

        Clinical.Encounter reopened = asNurse(() -> encounters.changeEncounterStatus(JORGE, id, "CLOSED", "OPEN", null));
        assertEquals("OPEN", reopened.status);
        assertNull("a reopened encounter is no longer closed", reopened.closedAt);
        assertEquals("OPEN", ((EncounterStatusChanged) payloads.get(4)).status);
        assertEquals(id, last().resourceId());
        assertEquals("OPEN", last().detail());

        Clinical.Encounter cancelled = asNurse(() -> encounters.changeEncounterStatus(JORGE, id, "OPEN", "CANCELLED", null));
        assertEquals("CANCELLED", cancelled.status);
        assertNotNull(cancelled.closedAt);
        asNurse(() -> encounters.changeEncounterStatus(JORGE, id, "OPEN", "CANCELLED", null));
        assertEquals("a repeated cancel publishes nothing", 6, published.size());
        ProblemException notClosed = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.changeEncounterStatus(JORGE, id, "CLOSED", "OPEN", null)));
        assertEquals(409, notClosed.status());
        assertEquals("Encounter " + id + " is CANCELLED, not CLOSED", notClosed.detail());
        ProblemException notOpen = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.moveEncounter(JORGE, id, "W4^01^A", false, null)));
        assertEquals(409, notOpen.status());
        assertEquals(6, published.size());
    }

    @Test
    public void anotherPatientsEncounterIsNotFoundAndABadDispositionChangesNothing() throws Exception {
        Clinical.EncounterInput visit = new Clinical.EncounterInput();
        visit.kind = "EMERGENCY";
        String elenas = asNurse(() -> encounters.openEncounter(ELENA, visit, null)).id;
        published.clear();

        ProblemException notHis = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.closeEncounter(JORGE, elenas, null)));
        assertEquals(404, notHis.status());
        assertEquals(AuditOutcome.FAILED, last().outcome());
        assertEquals(JORGE, last().patientId());

        ProblemException tooLong = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.closeEncounter(ELENA, elenas, null, "x".repeat(65))));
        assertEquals(400, tooLong.status());
        assertEquals("disposition is longer than 64 characters", tooLong.detail());
        assertEquals(List.of(), published);
        assertEquals("OPEN", asNurse(() -> encounters.encounters(ELENA, 5, null)).get(0).status);
    }

    private AuditEvent last() {
        return trail.get(trail.size() - 1);
    }

    private static <T> T asNurse(Callable<T> call) throws Exception {
        return CallerContext.runAs(NURSE, call);
    }

    @Test
    public void anAdmissionFormWithAnUnknownKindAndOverlongFieldsNamesThemAllAndOpensNothing() throws Exception {
        Clinical.EncounterInput admission = new Clinical.EncounterInput();
        admission.kind = "day-case";
        admission.location = "W3^12^A^".repeat(20);
        admission.attending = "dr." + "x".repeat(64);
        ProblemException e = assertThrows(ProblemException.class,
                () -> asNurse(() -> encounters.openEncounter(JORGE, admission, null)));
        assertEquals(400, e.status());
        assertEquals(List.of(Map.of("field", "attending", "message", "size must be between 0 and 64"),
                Map.of("field", "kind", "message", "is one of OUTPATIENT, EMERGENCY, ADMISSION, TELECONSULTATION"),
                Map.of("field", "location", "message", "size must be between 0 and 100")),
                e.extensions().get("violations"));
        assertEquals(List.of(), published);
        admission.kind = " admission ";
        admission.location = "W3^12^A";
        admission.attending = null;
        assertEquals("ADMISSION", asNurse(() -> encounters.openEncounter(JORGE, admission, null)).kind);
    }

    private static PatientEntity patient(String mrn, String given, String family) {
        return EmrDatabase.patient(mrn, given, family, "MALE", "1961-04-20");
    }
}
