package org.pavilion.emr.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;

/**
 * Tuesday morning: reception merged Jorge Medina's duplicate record (registered at the emergency desk) into his
 * record. The pharmacy re-pointed its dispensings; the laboratory's database was unreachable, so its part FAILED.
 * The administrator sees which department the merge did not reach and re-runs that one alone; billing, installed
 * in the afternoon, is run the same way. On the EMR's real change logs (H2; PostgreSQL with -Dpavilion.test.postgres).
 */
public class MergeParticipantRetryTest {

    private static final String JORGE = Mrn.of(7_001);
    private static final String JORGE_EMERGENCY = Mrn.of(7_002);
    private static final String JORGE_OLD_CLINIC = Mrn.of(7_003);
    private static final String CARMEN = Mrn.of(7_004);
    private static final Caller ADMIN = Caller.inContainer("admin.lopez", Set.of("emr.privacy.participant-retry"),
            "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final Department lab = new Department("lab", 1);
    private final Department pharmacy = new Department("pharmacy", 0);
    private PrivacyParticipants participants;
    private ParticipantRuns runs;
    private MergeParticipantRetry retry;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        new JpaTransactions(db.emf).run(em -> {
            em.persist(patient(JORGE, null));
            em.persist(patient(JORGE_EMERGENCY, JORGE));
            em.persist(patient(CARMEN, null));
        });
        participants = new PrivacyParticipants(List.of(lab, pharmacy));
        runs = new ParticipantRuns(db.emf);
        retry = new MergeParticipantRetry(db.emf, participants, runs, trail::add);
        lab.rows.put(JORGE_EMERGENCY, 2);
        pharmacy.rows.put(JORGE_EMERGENCY, 1);
        // What PatientMerge does once the EMR's merge has committed.
        runs.keep(ParticipantRuns.MERGE, JORGE_EMERGENCY, participants.merge(JORGE, JORGE_EMERGENCY), "reception.ana");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theMergesOutcomeIsKeptPerDepartment() {
        MergeParticipantRetry.MergeParticipants status = retry.status(JORGE_EMERGENCY);

        assertEquals(JORGE, status.survivorMrn);
        assertEquals(JORGE, status.mergedInto);
        assertEquals(List.of("lab", "pharmacy"), status.participants.stream().map(p -> p.name).toList());
        ParticipantRun labRun = status.participants.get(0);
        assertEquals(ParticipantReport.FAILED, labRun.status);
        // The incident joins this kept error to its log line, which has no MRN (issue #20).
        assertTrue(labRun.error, labRun.error.matches(
                "IllegalStateException: lab database unreachable \\(incident [0-9a-f-]{36}\\)"));
        assertEquals(1, labRun.attempts);
        assertTrue(labRun.installed);
        assertEquals("reception.ana", labRun.lastRunBy);
        ParticipantRun pharmacyRun = status.participants.get(1);
        assertEquals(ParticipantReport.DONE, pharmacyRun.status);
        assertEquals("re-pointed dispensings: 1 (moved to " + JORGE + ")", pharmacyRun.summary);
        assertTrue(status.ran.isEmpty());
        assertEquals(Map.of(JORGE_EMERGENCY, 2), lab.rows);
    }

    @Test
    public void retryingTheFailedRunsOnlyTheLabAndThenThereIsNothingLeft() throws Exception {
        MergeParticipantRetry.MergeParticipants after = CallerContext.runAs(ADMIN,
                () -> retry.retry(JORGE_EMERGENCY, null));

        assertEquals(List.of("lab"), after.ran.stream().map(r -> r.name).toList());
        assertEquals(ParticipantReport.DONE, after.ran.get(0).status);
        assertEquals(Long.valueOf(2), after.ran.get(0).repointed.get(0).count);
        assertEquals(Map.of(JORGE, 2), lab.rows);
        assertEquals(List.of("merge " + JORGE_EMERGENCY + "->" + JORGE), pharmacy.calls); // not run again
        ParticipantRun labRun = after.participants.get(0);
        assertEquals(ParticipantReport.DONE, labRun.status);
        assertNull(labRun.error);
        assertEquals(2, labRun.attempts);
        assertEquals("admin.lopez", labRun.lastRunBy);
        AuditEvent audited = trail.get(trail.size() - 1);
        assertEquals("MERGE_RETRY", audited.action());
        assertEquals(JORGE_EMERGENCY, audited.resourceId());
        assertEquals(JORGE, audited.patientId());
        assertEquals(AuditOutcome.SUCCESS, audited.outcome());
        assertEquals("re-ran the merge of " + JORGE_EMERGENCY + " into " + JORGE + " for lab DONE", audited.detail());

        MergeParticipantRetry.MergeParticipants again = retry.retry(JORGE_EMERGENCY, null);
        assertTrue(again.ran.isEmpty());
        assertEquals(2, lab.calls.size());
        assertTrue(trail.get(trail.size() - 1).detail().endsWith("for no department (none failed or missing)"));
    }

    @Test
    public void aRetryThatFailsAgainIsKeptAsFailedAndAuditedSo() {
        lab.failuresLeft = 5;
        MergeParticipantRetry.MergeParticipants after = retry.retry(JORGE_EMERGENCY, null);
        assertEquals(ParticipantReport.FAILED, after.participants.get(0).status);
        assertEquals(2, after.participants.get(0).attempts);
        assertEquals(AuditOutcome.FAILED, trail.get(trail.size() - 1).outcome());
        assertEquals(Map.of(JORGE_EMERGENCY, 2), lab.rows);
    }

    @Test
    public void runningOneDepartmentAgainIsANoOpForRowsAlreadyRepointed() {
        MergeParticipantRetry.MergeParticipants after = retry.retry(JORGE_EMERGENCY, "pharmacy");

        assertEquals(Long.valueOf(0), after.ran.get(0).repointed.get(0).count);
        assertEquals(Map.of(JORGE, 1), pharmacy.rows);
        assertEquals(2, after.participants.get(1).attempts);
        assertEquals(ParticipantReport.FAILED, after.participants.get(0).status); // the lab was not asked
        assertEquals(1, lab.calls.size());
    }

    @Test
    public void aDepartmentInstalledAfterTheMergeIsRunTheSameWay() {
        Department billing = new Department("billing", 0);
        billing.rows.put(JORGE_EMERGENCY, 3);
        participants.addParticipant(billing);

        ParticipantRun notRun = retry.status(JORGE_EMERGENCY).participants.get(0);
        assertEquals("billing", notRun.name);
        assertEquals(ParticipantRun.NOT_RUN, notRun.status);
        assertTrue(notRun.installed);

        MergeParticipantRetry.MergeParticipants after = retry.retry(JORGE_EMERGENCY, "billing");
        assertEquals(ParticipantReport.DONE, after.participants.get(0).status);
        assertEquals(Map.of(JORGE, 3), billing.rows);
        // "Retry failed" reaches both a failed and a never-run department.
        participants.addParticipant(new Department("scheduling", 0));
        assertEquals(List.of("lab", "scheduling"),
                retry.retry(JORGE_EMERGENCY, null).ran.stream().map(r -> r.name).toList());
    }

    @Test
    public void aDepartmentNotInstalledNowCannotBeRunAndSaysSo() {
        participants.removeParticipant(lab);
        ParticipantRun labRun = retry.status(JORGE_EMERGENCY).participants.get(0);
        assertEquals(ParticipantReport.FAILED, labRun.status);
        assertFalse(labRun.installed);

        ProblemException refused = expectProblem(() -> retry.retry(JORGE_EMERGENCY, "lab"));
        assertEquals(409, refused.status());
        assertEquals(ProblemException.TYPE_PREFIX + "privacy-participant-unavailable", refused.type());
        assertEquals(AuditOutcome.FAILED, trail.get(trail.size() - 1).outcome());
        assertTrue(retry.retry(JORGE_EMERGENCY, null).ran.isEmpty()); // nothing installed is missing
    }

    @Test
    public void theRowsGoToTheRecordThatSurvivesNow() {
        // Jorge's record was itself merged since into the one from his old clinic.
        new JpaTransactions(db.emf).run(em -> {
            em.persist(patient(JORGE_OLD_CLINIC, null));
            em.find(PatientEntity.class, JORGE).setMergedInto(JORGE_OLD_CLINIC);
        });
        MergeParticipantRetry.MergeParticipants after = retry.retry(JORGE_EMERGENCY, null);
        assertEquals(JORGE, after.mergedInto);
        assertEquals(JORGE_OLD_CLINIC, after.survivorMrn);
        assertEquals(Map.of(JORGE_OLD_CLINIC, 2), lab.rows);
    }

    @Test
    public void onlyAMergedDuplicateHasAMergeToComplete() {
        assertEquals(409, expectProblem(() -> retry.retry(CARMEN, null)).status());
        assertEquals(ProblemException.TYPE_PREFIX + "patient-not-merged", expectProblem(() -> retry.status(JORGE)).type());
        assertEquals(404, expectProblem(() -> retry.retry(Mrn.of(7_999), null)).status());
        assertEquals(400, expectProblem(() -> retry.retry("7002", null)).status());
        assertEquals(AuditOutcome.FAILED, trail.get(trail.size() - 1).outcome());
        assertEquals(1, lab.calls.size());
    }

    @Test
    public void anErasuresOutcomeIsKeptTooAndADepartmentInstalledSinceShowsAsNotRun() {
        Department billing = new Department("billing", 0);
        List<ParticipantReport> erased = List.of(ParticipantReport.done("lab", "Laboratory",
                ParticipantOutcome.builder().removed("orders", 2, "not medical record").build()),
                ParticipantReport.failed("pharmacy", "Pharmacy", new IllegalStateException("pharmacy is down"), null));
        runs.keep(ParticipantRuns.ERASURE, CARMEN, erased, "dpo.ruiz");
        participants.addParticipant(billing);

        List<ParticipantRun> kept = runs.withInstalled(ParticipantRuns.ERASURE, CARMEN, participants.titles());
        assertEquals(List.of("billing", "lab", "pharmacy"), kept.stream().map(r -> r.name).toList());
        assertEquals(List.of(ParticipantRun.NOT_RUN, ParticipantReport.DONE, ParticipantReport.FAILED),
                kept.stream().map(r -> r.status).toList());
        assertEquals("removed orders: 2 (not medical record)", kept.get(1).summary);
        assertEquals("IllegalStateException: pharmacy is down", kept.get(2).error);
        assertTrue(kept.get(2).installed); // the pharmacy is up again: erasing again completes it
        // Kept apart from merges of the same record.
        assertTrue(runs.of(ParticipantRuns.MERGE, CARMEN).isEmpty());
    }

    private static ProblemException expectProblem(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a problem answer");
        return null;
    }

    private static PatientEntity patient(String mrn, String mergedInto) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName("Jorge");
        p.setFamilyName("Medina");
        p.setGivenNameNorm(Names.normalise("Jorge"));
        p.setFamilyNameNorm(Names.normalise("Medina"));
        p.setSex("MALE");
        p.setBirthDate("1961-02-03");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        p.setMergedInto(mergedInto);
        p.setMergedMs(mergedInto == null ? null : 1_764_000_100_000L);
        return p;
    }

    /** A department keeping rows per MRN; its merge moves them, so a second merge finds nothing to move. */
    private static final class Department implements PrivacyParticipant {
        final String name;
        final Map<String, Integer> rows = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        int failuresLeft;

        Department(String name, int failures) {
            this.name = name;
            this.failuresLeft = failures;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return name;
        }

        @Override
        public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
            calls.add("merge " + duplicateMrn + "->" + survivorMrn);
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException(name + " database unreachable");
            }
            int moved = rows.getOrDefault(duplicateMrn, 0);
            rows.remove(duplicateMrn);
            if (moved > 0) {
                rows.merge(survivorMrn, moved, Integer::sum);
            }
            String what = name.equals("pharmacy") ? "dispensings" : "visits";
            return ParticipantOutcome.builder().repointed(what, moved, "moved to " + survivorMrn).build();
        }

        @Override
        public void export(PrivacySubject subject, java.io.OutputStream json) {
            throw new UnsupportedOperationException("not part of a merge");
        }

        @Override
        public ParticipantOutcome erase(PrivacySubject subject) {
            throw new UnsupportedOperationException("not part of a merge");
        }
    }
}
