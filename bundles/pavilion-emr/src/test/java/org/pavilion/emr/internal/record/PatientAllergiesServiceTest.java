package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;

/**
 * PatientAllergies on the EMR's real change logs (H2; PostgreSQL with -Dpavilion.test.postgres). Carmen Ortiz is
 * allergic to penicillin (anaphylaxis) and intolerant of codeine; her latex allergy was resolved and an aspirin entry
 * was typed on her record in error. She was also registered twice, the duplicate (0000004366) merged into her record.
 * The pharmacist checks before handing over amoxicillin: the pharmacy sees only what is ACTIVE, by either MRN, and
 * every check is in the audit trail with the pharmacy's caller and purpose.
 */
public class PatientAllergiesServiceTest {

    private static final String CARMEN = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String UNKNOWN = "0000004463";
    private static final String PURPOSE = "dispensing allergy check";
    private static final Caller PHARMACIST = Caller.inContainer("pharm.ruiz", Set.of("pharmacy.dispensing.record"),
            "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private PatientAllergiesService allergies;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        allergies = new PatientAllergiesService(db.emf, trail::add);
        new JpaTransactions(db.emf).call(em -> {
            em.persist(patient(CARMEN, null));
            em.persist(patient(DUPLICATE, CARMEN));
            em.persist(allergy("Penicillin", "7980", "RXNORM", "anaphylaxis", "LIFE_THREATENING", "ALLERGY", "ACTIVE",
                    1_764_000_000_000L));
            em.persist(allergy("Codeine", null, null, "nausea", "MILD", "INTOLERANCE", "ACTIVE", 1_764_100_000_000L));
            em.persist(allergy("Latex", null, null, "rash", "MODERATE", "ALLERGY", "RESOLVED", 1_764_200_000_000L));
            em.persist(allergy("Aspirin", null, null, null, "UNKNOWN", "ALLERGY", "ENTERED_IN_ERROR",
                    1_764_300_000_000L));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void thePharmacistSeesOnlyTheActiveEntriesNewestFirstAndTheCheckIsAudited() throws Exception {
        List<AllergyRecorded> active = CallerContext.runAs(PHARMACIST, () -> allergies.active(CARMEN, PURPOSE));

        assertEquals(List.of("Codeine", "Penicillin"), active.stream().map(a -> a.substance).toList());
        AllergyRecorded penicillin = active.get(1);
        assertEquals(CARMEN, penicillin.mrn);
        assertEquals("7980", penicillin.code);
        assertEquals("RXNORM", penicillin.codeSystem);
        assertEquals("anaphylaxis", penicillin.reaction);
        assertEquals("LIFE_THREATENING", penicillin.severity);
        assertEquals("ALLERGY", penicillin.kind);
        assertEquals("ACTIVE", penicillin.status);
        assertEquals("2025-11-24T16:00:00Z", penicillin.recordedAt);
        assertEquals("dr.garcia", penicillin.recordedBy);
        assertEquals("INTOLERANCE", active.get(0).kind);

        assertEquals(1, trail.size());
        AuditEvent read = trail.get(0);
        assertEquals("READ", read.action());
        assertEquals("allergy", read.resourceType());
        assertEquals(CARMEN, read.patientId());
        assertEquals(CARMEN, read.resourceId());
        assertEquals(AuditOutcome.SUCCESS, read.outcome());
        assertEquals("pharm.ruiz", read.caller().username());
        assertEquals("PatientAllergies: 2 active entries; purpose: " + PURPOSE, read.detail());
    }

    @Test
    public void theMergedDuplicatesMrnLeadsToTheSurvivorsAllergies() throws Exception {
        List<AllergyRecorded> active = CallerContext.runAs(PHARMACIST, () -> allergies.active(DUPLICATE, PURPOSE));

        assertEquals(List.of("Codeine", "Penicillin"), active.stream().map(a -> a.substance).toList());
        assertTrue(active.stream().allMatch(a -> a.mrn.equals(CARMEN)));
        AuditEvent read = trail.get(0);
        assertEquals(CARMEN, read.patientId());
        assertEquals(DUPLICATE, read.resourceId());
        assertEquals("PatientAllergies: 2 active entries, merged into " + CARMEN + "; purpose: " + PURPOSE,
                read.detail());
    }

    @Test
    public void aPatientWithNoneRecordedHasNoneAndAnUnknownMrnIsAnAuditedMiss() throws Exception {
        new JpaTransactions(db.emf).call(em -> em.createQuery("UPDATE AllergyEntity a SET a.status = 'INACTIVE'")
                .executeUpdate());
        assertEquals(List.of(), CallerContext.runAs(PHARMACIST, () -> allergies.active(CARMEN, PURPOSE)));
        assertEquals("PatientAllergies: 0 active entries; purpose: " + PURPOSE, trail.get(0).detail());

        assertEquals(List.of(), CallerContext.runAs(PHARMACIST, () -> allergies.active(UNKNOWN, PURPOSE)));
        AuditEvent miss = trail.get(1);
        assertEquals(AuditOutcome.FAILED, miss.outcome());
        assertEquals(UNKNOWN, miss.patientId());
        assertEquals("PatientAllergies: no such patient; purpose: " + PURPOSE, miss.detail());
    }

    @Test
    public void aPurposeACallerAndAWellFormedMrnAreRequiredAndNothingIsReadWithoutThem() throws Exception {
        assertThrows(IllegalStateException.class, () -> allergies.active(CARMEN, PURPOSE));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACIST, () -> allergies.active(CARMEN, null)));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACIST, () -> allergies.active(CARMEN, "   ")));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACIST, () -> allergies.active(CARMEN, "x".repeat(201))));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACIST, () -> allergies.active("0000004268", PURPOSE)));
        assertTrue("nothing read, nothing audited", trail.isEmpty());
    }

    private static AllergyEntity allergy(String substance, String code, String codeSystem, String reaction,
            String severity, String kind, String status, long recordedMs) {
        AllergyEntity a = new AllergyEntity();
        a.setId(UUID.randomUUID().toString());
        a.setMrn(CARMEN); // the merge moved the duplicate's entries to the survivor
        a.setSubstance(substance);
        a.setCode(code);
        a.setCodeSystem(codeSystem);
        a.setReaction(reaction);
        a.setSeverity(severity);
        a.setKind(kind);
        a.setStatus(status);
        a.setRecordedMs(recordedMs);
        a.setRecordedBy("dr.garcia");
        return a;
    }

    private static PatientEntity patient(String mrn, String mergedInto) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName("Carmen");
        p.setFamilyName("Ortiz");
        p.setGivenNameNorm(Names.normalise("Carmen"));
        p.setFamilyNameNorm(Names.normalise("Ortiz"));
        p.setSex("FEMALE");
        p.setBirthDate("1958-09-12");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        p.setMergedInto(mergedInto);
        return p;
    }
}
