package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.pavilion.emr.api.AccessDecision.Outcome.ALLOWED;
import static org.pavilion.emr.api.AccessDecision.Outcome.BREAK_GLASS_REQUIRED;
import static org.pavilion.emr.api.AccessDecision.Outcome.DENIED;
import static org.pavilion.emr.api.AccessDecision.Outcome.INVALID;
import static org.pavilion.emr.api.AccessDecision.Outcome.NOT_FOUND;
import static org.pavilion.emr.api.PatientAccess.Action.READ;
import static org.pavilion.emr.api.PatientAccess.Action.WRITE;
import static org.pavilion.core.testing.TestAccounts.patientAccount;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess.Action;

/**
 * The rules of PatientAccess as a table (H2; PostgreSQL with -Dpavilion.test.postgres), on the EMR's real change
 * logs. Ana Ruiz has her own account, linked to her old duplicate record, merged since into her survivor. Her
 * neighbour Luis is another patient; the mayor's record is restricted. A doctor, a billing clerk, the lab feed and
 * a pharmacist (a department's own part) ask about each of them.
 */
public class PatientAccessRulesTest {

    private static final String ANA = Mrn.of(4_001);
    private static final String ANA_DUPLICATE = Mrn.of(4_002);
    private static final String LUIS = Mrn.of(4_003);
    private static final String MAYOR = Mrn.of(4_004);
    private static final String NOBODY = Mrn.of(4_999);
    private static final String REASON = "unconscious in resus, needs allergies";

    /** A department's own part: the pharmacy's dispensing history, opened by privileges it declares. */
    private static final DataPart DISPENSING = DataPart.declaredBy("dispensing", "pharmacy.dispensing.view",
            "pharmacy.dispensing.record", "pharmacy.dispensing.view-own", false);

    private static final Caller DOCTOR = staff("dr.garcia", "emr.record.clinical.view", "emr.record.clinical.edit",
            "emr.record.break-glass", "emr.patient.view", "emr.patient.view-any");
    private static final Caller BILLING = staff("billing.perez", "emr.patient.view", "emr.patient.view-any");
    private static final Caller FEED = staff("lab-feed", "emr.record.feed-write", "emr.patient.view-any");
    private static final Caller PHARMACIST = staff("ph.santos", "pharmacy.dispensing.view", "emr.patient.view-any");
    private static final Caller ANA_ACCOUNT = patientAccount("ana.ruiz", ANA_DUPLICATE, "emr.record.view-own",
            "emr.patient.view", "emr.privacy.export", "pharmacy.dispensing.view-own");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private ClinicalAccess access;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        access = new ClinicalAccess(db.emf, trail::add);
        new JpaTransactions(db.emf).call(em -> {
            em.persist(patient(ANA, null, false));
            em.persist(patient(ANA_DUPLICATE, ANA, false));
            em.persist(patient(LUIS, null, false));
            em.persist(patient(MAYOR, null, true));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void cliniciansReadTheClinicalRecordAndBreakTheGlassForARestrictedOneWithAReason() throws Exception {
        expect(DOCTOR, LUIS, DataPart.CLINICAL_RECORD, READ, null, ALLOWED, LUIS, false);
        expect(DOCTOR, ANA_DUPLICATE, DataPart.CLINICAL_RECORD, WRITE, null, ALLOWED, ANA, false);
        expect(DOCTOR, MAYOR, DataPart.CLINICAL_RECORD, READ, null, BREAK_GLASS_REQUIRED, MAYOR, false);
        expect(DOCTOR, MAYOR, DataPart.DOCUMENTS, READ, null, BREAK_GLASS_REQUIRED, MAYOR, false);
        AccessDecision glass = expect(DOCTOR, MAYOR, DataPart.CLINICAL_RECORD, READ, REASON, ALLOWED, MAYOR, true);
        assertEquals(REASON, glass.breakGlassReason());
        AuditEvent flagged = glass.auditEvent("READ", "ClinicalRecord").build();
        assertTrue(flagged.emergencyAccess());
        assertEquals("break-the-glass: " + REASON, flagged.detail());
        expect(DOCTOR, MAYOR, DataPart.CLINICAL_RECORD, READ, "urgent", INVALID, null, false);
        // A reason where none was needed is still flagged: the clinician said it was an emergency.
        expect(DOCTOR, LUIS, DataPart.CLINICAL_RECORD, READ, REASON, ALLOWED, LUIS, true);
        // The restriction closes the clinical record, not the demographics reception works with.
        expect(DOCTOR, MAYOR, DataPart.DEMOGRAPHICS, READ, null, ALLOWED, MAYOR, false);
        expect(DOCTOR, NOBODY, DataPart.CLINICAL_RECORD, READ, null, NOT_FOUND, null, false);
        expect(DOCTOR, "12345", DataPart.CLINICAL_RECORD, READ, null, INVALID, null, false);
    }

    @Test
    public void billingSeesDemographicsOnlyAndCannotBreakTheGlass() throws Exception {
        expect(BILLING, LUIS, DataPart.DEMOGRAPHICS, READ, null, ALLOWED, LUIS, false);
        expect(BILLING, MAYOR, DataPart.DEMOGRAPHICS, READ, null, ALLOWED, MAYOR, false);
        AccessDecision clinical = expect(BILLING, LUIS, DataPart.CLINICAL_RECORD, READ, null, DENIED, null, false);
        assertEquals("the clinical record is for clinicians; this role sees demographics only", clinical.reason());
        expect(BILLING, MAYOR, DataPart.CLINICAL_RECORD, READ, REASON, DENIED, null, false);
        expect(BILLING, LUIS, DataPart.DOCUMENTS, READ, null, DENIED, null, false);
        expect(BILLING, LUIS, DataPart.DEMOGRAPHICS, WRITE, null, DENIED, null, false);
        expect(BILLING, LUIS, DataPart.EXPORT, READ, null, DENIED, null, false);
        expect(BILLING, LUIS, DISPENSING, READ, null, DENIED, null, false);
        // Refused before the MRN is even looked at: an unknown patient is not told apart from a known one.
        expect(BILLING, NOBODY, DataPart.CLINICAL_RECORD, READ, null, DENIED, null, false);
    }

    @Test
    public void aPatientAccountReachesOnlyItsOwnDataFollowingTheMergeAndNeverWritesIt() throws Exception {
        for (DataPart part : List.of(DataPart.CLINICAL_RECORD, DataPart.DOCUMENTS, DataPart.DEMOGRAPHICS,
                DataPart.EXPORT, DISPENSING)) {
            // Her account names the duplicate; by either MRN she reaches the survivor.
            expect(ANA_ACCOUNT, ANA, part, READ, null, ALLOWED, ANA, false);
            expect(ANA_ACCOUNT, ANA_DUPLICATE, part, READ, null, ALLOWED, ANA, false);
            AccessDecision other = expect(ANA_ACCOUNT, LUIS, part, READ, null, DENIED, null, false);
            assertEquals("not the caller's own record", other.reason());
            expect(ANA_ACCOUNT, MAYOR, part, READ, null, DENIED, null, false);
            expect(ANA_ACCOUNT, NOBODY, part, READ, null, DENIED, null, false);
            expect(ANA_ACCOUNT, ANA, part, WRITE, null, DENIED, null, false);
        }
        assertEquals("patients cannot change their clinical record",
                expect(ANA_ACCOUNT, ANA, DataPart.CLINICAL_RECORD, WRITE, null, DENIED, null, false).reason());
        expect(ANA_ACCOUNT, ANA, DataPart.CLINICAL_RECORD, READ, REASON, DENIED, null, false);
    }

    @Test
    public void theFeedWritesAnyRecordRestrictedIncludedButReadsNone() throws Exception {
        expect(FEED, MAYOR, DataPart.CLINICAL_RECORD, WRITE, null, ALLOWED, MAYOR, false);
        expect(FEED, ANA_DUPLICATE, DataPart.CLINICAL_RECORD, WRITE, null, ALLOWED, ANA, false);
        expect(FEED, LUIS, DataPart.CLINICAL_RECORD, READ, null, DENIED, null, false);
        expect(FEED, MAYOR, DataPart.DOCUMENTS, WRITE, null, ALLOWED, MAYOR, false);
        // Feeds write the EMR's clinical record; a department's part is not theirs unless it says so.
        expect(FEED, LUIS, DISPENSING, WRITE, null, DENIED, null, false);
        // ... not even a clinical one: the lab's results are opened by the lab's own privileges.
        DataPart labResults = DataPart.declaredBy("lab-results", "lab.result.view", "lab.result.record",
                "lab.result.view-own", true);
        AccessDecision lab = expect(FEED, LUIS, labResults, WRITE, null, DENIED, null, false);
        assertEquals("a feed writes the EMR's clinical record only, not the lab-results", lab.reason());
        expect(FEED, MAYOR, labResults, WRITE, null, DENIED, null, false);
        // The lab's analyser interface holds the lab's own privilege: the lab's rules apply, restriction included.
        Caller analyser = staff("lab-analyser", "emr.record.feed-write", "lab.result.view", "lab.result.record");
        expect(analyser, LUIS, labResults, WRITE, null, ALLOWED, LUIS, false);
        expect(analyser, MAYOR, labResults, WRITE, null, BREAK_GLASS_REQUIRED, MAYOR, false);
        // Holding feed-write never lifts the restriction on reading.
        expect(analyser, MAYOR, labResults, READ, null, BREAK_GLASS_REQUIRED, MAYOR, false);
    }

    @Test
    public void aDepartmentsOwnPartFollowsThePrivilegesItDeclares() throws Exception {
        expect(PHARMACIST, LUIS, DISPENSING, READ, null, ALLOWED, LUIS, false);
        expect(PHARMACIST, MAYOR, DISPENSING, READ, null, ALLOWED, MAYOR, false);
        expect(PHARMACIST, LUIS, DISPENSING, WRITE, null, DENIED, null, false);
        expect(PHARMACIST, LUIS, DataPart.CLINICAL_RECORD, READ, null, DENIED, null, false);
        DataPart clinicalPart = DataPart.declaredBy("chemo-plan", "oncology.plan.view", "oncology.plan.edit", null,
                true);
        Caller oncologist = staff("dr.onco", "oncology.plan.view", "emr.record.break-glass");
        expect(oncologist, MAYOR, clinicalPart, READ, null, BREAK_GLASS_REQUIRED, MAYOR, false);
        expect(oncologist, MAYOR, clinicalPart, READ, REASON, ALLOWED, MAYOR, true);
        expect(ANA_ACCOUNT, ANA, clinicalPart, READ, null, DENIED, null, false);
    }

    @Test
    public void withNoCallerTheContainerItselfMayDoAnything() throws Exception {
        AccessDecision system = access.decide(MAYOR, DataPart.CLINICAL_RECORD, WRITE);
        assertEquals(ALLOWED, system.outcome());
        assertFalse(system.emergency());
    }

    @Test
    public void decidingDoesNotAuditButTheDecisionCarriesTheRecordToWrite() throws Exception {
        AccessDecision refused = expect(ANA_ACCOUNT, LUIS, DataPart.CLINICAL_RECORD, READ, null, DENIED, null, false);
        AccessDecision missing = expect(DOCTOR, NOBODY, DataPart.CLINICAL_RECORD, READ, null, NOT_FOUND, null, false);
        assertTrue(trail.isEmpty());

        AuditEvent denied = refused.auditEvent("READ", "ClinicalRecord").build();
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals(LUIS, denied.patientId());
        assertEquals("not the caller's own record", denied.detail());
        assertEquals(AuditOutcome.FAILED, missing.auditEvent("READ", "ClinicalRecord").build().outcome());
        AuditEvent merged = expect(DOCTOR, ANA_DUPLICATE, DataPart.CLINICAL_RECORD, READ, null, ALLOWED, ANA, false)
                .auditEvent("READ", "ClinicalRecord").build();
        assertEquals(ANA, merged.patientId());
        assertEquals(ANA_DUPLICATE, merged.resourceId());
        assertFalse(merged.emergencyAccess());
    }

    @Test
    public void theEmrsOwnClinicalChecksAuditTheirRefusals() throws Exception {
        assertThrows(ProblemException.class,
                () -> CallerContext.runAs(ANA_ACCOUNT, () -> access.read(LUIS, "ClinicalRecord", null)));
        assertEquals(1, trail.size());
        assertEquals(AuditOutcome.DENIED, trail.get(0).outcome());
        assertEquals("not the caller's own record", trail.get(0).detail());
        ClinicalAccess.Grant grant = CallerContext.runAs(ANA_ACCOUNT,
                () -> access.read(ANA_DUPLICATE, "ClinicalRecord", null));
        assertEquals(ANA, grant.mrn);
    }

    private AccessDecision expect(Caller caller, String mrn, DataPart part, Action action, String reason,
            Outcome outcome, String survivor, boolean emergency) throws Exception {
        AccessDecision d = CallerContext.runAs(caller, () -> access.decide(mrn, part, action, reason));
        String row = caller.username() + " " + action + " " + part.name() + " of " + mrn + ": " + d;
        assertEquals(row, outcome, d.outcome());
        assertEquals(row, survivor, d.mrn());
        assertEquals(row, emergency, d.emergency());
        if (outcome == ALLOWED) {
            assertNull(row, d.reason());
        } else {
            assertTrue(row, d.reason() != null && !d.reason().isBlank());
        }
        return d;
    }

    private static Caller staff(String name, String... privileges) {
        return Caller.inContainer(name, Set.of(privileges), "127.0.0.1");
    }


    private static PatientEntity patient(String mrn, String mergedInto, boolean restricted) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName("Ana");
        p.setFamilyName("Ruiz");
        p.setGivenNameNorm(Names.normalise("Ana"));
        p.setFamilyNameNorm(Names.normalise("Ruiz"));
        p.setSex("FEMALE");
        p.setBirthDate("1979-06-12");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        p.setMergedInto(mergedInto);
        p.setRestricted(restricted);
        return p;
    }
}
