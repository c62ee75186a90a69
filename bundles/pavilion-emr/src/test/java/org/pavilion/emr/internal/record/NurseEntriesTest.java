package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.events.api.EventPublisher;

/**
 * Ward 5's nurse records Amina's allergies and writes her notes on the EMR's real change logs (H2): a well-typed
 * penicillin allergy is stored in the record's spelling, a hurried half-filled form is refused with every broken field
 * at once, and nothing of it is stored or published.
 */
public class NurseEntriesTest {

    private static final String AMINA = "0000004269";
    private static final Caller NURSE = Caller.inContainer("nurse.diallo",
            Set.of("emr.record.clinical.view", "emr.record.clinical.edit"), "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private AllergyList allergies;
    private ClinicalNotes notes;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        EventPublisher events = new EventPublisher() {
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                published.add(eventType + " " + subjectKey);
                return String.valueOf(published.size());
            }
        };
        JpaTransactions jpa = new JpaTransactions(db.emf);
        RecordWork work = new RecordWork(jpa, trail::add, events, new ClinicalAccess(db.emf, trail::add));
        allergies = new AllergyList(work, TestConstraints.platform());
        notes = new ClinicalNotes(work, TestConstraints.platform());
        jpa.call(em -> {
            em.persist(patient(AMINA, "Amina", "Diop"));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aPenicillinAllergyIsStoredInTheRecordsSpelling() throws Exception {
        Clinical.AllergyInput in = new Clinical.AllergyInput();
        in.substance = " Penicillin V ";
        in.code = "7980";
        in.codeSystem = "RXNORM";
        in.severity = "life threatening";
        in.kind = "allergy";
        in.reaction = "Anaphylaxis in 2019";
        Clinical.Allergy stored = asNurse(() -> allergies.recordAllergy(AMINA, in, null));
        assertEquals("Penicillin V", stored.substance);
        assertEquals("LIFE_THREATENING", stored.severity);
        assertEquals("ALLERGY", stored.kind);
        assertEquals("ACTIVE", stored.status);
        assertEquals(1, published.size());
    }

    @Test
    public void aHalfFilledAllergyNamesEveryBrokenFieldAtOnceAndStoresNothing() throws Exception {
        Clinical.AllergyInput in = new Clinical.AllergyInput();
        in.substance = " ";
        in.code = "7980";
        in.severity = "awful";
        in.status = "gone";
        in.reaction = "Hives. ".repeat(100);
        ProblemException e = assertThrows(ProblemException.class,
                () -> asNurse(() -> allergies.recordAllergy(AMINA, in, null)));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(
                Map.of("field", "codedOrNot", "message", "code and codeSystem go together: give both or neither"),
                Map.of("field", "reaction", "message", "size must be between 0 and 500"),
                Map.of("field", "severity", "message", "is one of MILD, MODERATE, SEVERE, LIFE_THREATENING, UNKNOWN"),
                Map.of("field", "status", "message", "is one of ACTIVE, INACTIVE, RESOLVED, ENTERED_IN_ERROR"),
                Map.of("field", "substance", "message", "must not be blank")), e.extensions().get("violations"));
        assertTrue(published.isEmpty());
        assertTrue(asNurse(() -> allergies.allergies(AMINA, null)).isEmpty());
        assertTrue("the refused write is audited as failed", trail.stream()
                .anyMatch(a -> a.outcome() == AuditOutcome.FAILED && "CREATE".equals(a.action())));
    }

    @Test
    public void aNoteOfAnUnknownKindWithoutTextNamesBothAndANursingNoteIsWritten() throws Exception {
        Clinical.NoteInput in = new Clinical.NoteInput();
        in.kind = "handover";
        in.text = "  ";
        ProblemException e = assertThrows(ProblemException.class,
                () -> asNurse(() -> notes.writeNote(AMINA, in, null)));
        assertEquals(List.of(Map.of("field", "kind", "message",
                "is one of PROGRESS, ADMISSION, DISCHARGE, CONSULTATION, NURSING, OTHER"),
                Map.of("field", "text", "message", "must not be blank")), e.extensions().get("violations"));
        assertTrue(published.isEmpty());
        in.kind = "nursing";
        in.text = "Slept well; no itching since the antihistamine.";
        assertEquals("NURSING", asNurse(() -> notes.writeNote(AMINA, in, null)).kind);
    }

    private static <T> T asNurse(Callable<T> work) throws Exception {
        return CallerContext.runAs(NURSE, work);
    }

    private static PatientEntity patient(String mrn, String given, String family) {
        return EmrDatabase.patient(mrn, given, family, "FEMALE", "1979-08-02");
    }
}
