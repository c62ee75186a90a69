package org.pavilion.emr.internal.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;

/**
 * Completes a merge for the departments it did not reach: the participants that FAILED, and those registered now
 * that it never ran (installed after the merge, or unavailable at the time). The EMR's part is not repeated; each
 * participant re-points the duplicate's rows to the record that survives now, which is a no-op for rows already
 * re-pointed (participants are idempotent). Every attempt is kept (ParticipantRuns) and audited.
 */
@Component(service = MergeParticipantRetry.class)
public class MergeParticipantRetry {

    static final String ACTION = "MERGE_RETRY";

    private final JpaTransactions jpa;
    private final PrivacyParticipants participants;
    private final ParticipantRuns runs;
    private final AuditService audit;

    @Activate
    public MergeParticipantRetry(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference PrivacyParticipants participants, @Reference ParticipantRuns runs,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.participants = participants;
        this.runs = runs;
        this.audit = audit;
    }

    /** A merge's participants as they stand: what each did last, and which are registered now but never ran. */
    public MergeParticipants status(String duplicateMrn) {
        Tombstone t = tombstone(duplicateMrn);
        return view(t, List.of());
    }

    /**
     * Re-runs the merge of {@code duplicateMrn} for one participant ({@code participant} given; run whatever its
     * last outcome, since re-pointing again changes nothing), or for every participant that FAILED or never ran
     * ({@code participant} null). Answers the merge's participants after the run, with what this run did.
     */
    public MergeParticipants retry(String duplicateMrn, String participant) {
        Tombstone t;
        try {
            t = tombstone(duplicateMrn);
            if (participant != null && !participants.titles().containsKey(participant)) {
                throw new ProblemException(409, "privacy-participant-unavailable", "Participant not installed",
                        "No privacy participant named '" + shorten(participant) + "' is installed now: install or "
                                + "start its department, then run it again",
                        Map.of("participant", shorten(participant)));
            }
        } catch (ProblemException e) {
            audit.record(AuditEvent.of(ACTION, PatientService.RESOURCE).resourceId(duplicateMrn)
                    .outcome(AuditOutcome.FAILED).detail(e.getMessage()).build());
            throw e;
        }
        Set<String> chosen;
        if (participant != null) {
            chosen = Set.of(participant);
        } else {
            Map<String, String> kept = runs.of(ParticipantRuns.MERGE, t.duplicate).stream()
                    .collect(Collectors.toMap(r -> r.name, r -> r.status));
            chosen = participants.titles().keySet().stream()
                    .filter(n -> !ParticipantReport.DONE.equals(kept.get(n))).collect(Collectors.toSet());
        }
        List<ParticipantReport> ran = chosen.isEmpty() ? List.of()
                : participants.merge(t.survivor, t.duplicate, chosen::contains);
        runs.record(ParticipantRuns.MERGE, t.duplicate, ran, PatientService.actor(), System.currentTimeMillis());
        long failed = ran.stream().filter(r -> ParticipantReport.FAILED.equals(r.status)).count();
        audit.record(AuditEvent.of(ACTION, PatientService.RESOURCE).resourceId(t.duplicate).patientId(t.survivor)
                .outcome(failed == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED)
                .detail("re-ran the merge of " + t.duplicate + " into " + t.survivor + " for "
                        + (ran.isEmpty() ? "no department (none failed or missing)"
                                : ran.stream().map(r -> r.name + " " + r.status).collect(Collectors.joining(", "))))
                .build());
        return view(t, ran);
    }

    private MergeParticipants view(Tombstone t, List<ParticipantReport> ran) {
        MergeParticipants m = new MergeParticipants();
        m.duplicateMrn = t.duplicate;
        m.mergedInto = t.mergedInto;
        m.survivorMrn = t.survivor;
        m.mergedAt = t.mergedMs == null ? null : Instant.ofEpochMilli(t.mergedMs).toString();
        m.participants = runs.withInstalled(ParticipantRuns.MERGE, t.duplicate, participants.titles());
        m.ran = ran;
        return m;
    }

    /** The duplicate's tombstone and the record that survives it now (following later merges of the survivor). */
    private Tombstone tombstone(String duplicateMrn) {
        PatientService.requireValidMrn(duplicateMrn);
        return jpa.call(em -> {
            PatientEntity duplicate = em.find(PatientEntity.class, duplicateMrn);
            if (duplicate == null) {
                throw ProblemException.notFound("Patient", duplicateMrn);
            }
            if (duplicate.getMergedInto() == null) {
                throw new ProblemException(409, "patient-not-merged", "Not a merged duplicate",
                        "Patient " + duplicateMrn + " has not been merged into another record: there is no merge "
                                + "whose departments could be completed");
            }
            return new Tombstone(duplicateMrn, duplicate.getMergedInto(),
                    PatientService.survivor(em, duplicate).getMrn(), duplicate.getMergedMs());
        });
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    private record Tombstone(String duplicate, String mergedInto, String survivor, Long mergedMs) {
    }

    /** A merge's departments: the answer of the follow-up endpoints. */
    public static class MergeParticipants {
        public String duplicateMrn;
        /** The record it was merged into. */
        public String mergedInto;
        /** The record that survives now: mergedInto, or its own survivor if that was merged since. */
        public String survivorMrn;
        public String mergedAt;
        /** Every participant kept for this merge or registered now, in name order. */
        public List<ParticipantRun> participants;
        /** What this request ran (empty for a GET, or when nothing needed running). */
        public List<ParticipantReport> ran;
    }
}
